package org.parley.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** With IMAP IDLE, new mail arrives without waiting for the (here: hour-long) poll interval. */
@ParleySpringTest
@TestPropertySource(properties = {"parley.channels.email.polling-enabled=true", "parley.channels.email.idle=true",
        "spring.datasource.url=jdbc:h2:mem:idle-${random.uuid};DB_CLOSE_DELAY=-1"})
@DirtiesContext // its poller must not outlive the class and poll other classes' mailboxes
class EmailIdleH2Test {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailboxRepository repository;
    @Autowired
    CustomerDirectory customers;

    @Test
    void idleFetchesNewMailAtOnce() throws Exception {
        String run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36).substring(0, 8);
        greenMail.setUser("idle-" + run + "@parley.test", "idle-" + run, "pw-" + run);
        Mailbox mailbox = mailboxes.create(new MailboxSettings("Idle " + run, "127.0.0.1", greenMail.getImap().getPort(),
                false, "idle-" + run, "pw-" + run, "INBOX", "127.0.0.1", greenMail.getSmtp().getPort(), false,
                "idle-" + run + "@parley.test", 3600));
        awaitTrue(() -> repository.findById(mailbox.getId()).orElseThrow().getLastPollAt() != null, "first poll");
        sleep(1500); // let the IDLE connection settle after the first poll

        String from = "ida-" + run + "@example.com";
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "idle-" + run, "pw-" + run);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            String raw = "From: " + from + "\r\nSubject: Quick one\r\nMessage-ID: <idle-" + run
                    + "@mail.example>\r\n\r\nHello via IDLE\r\n";
            inbox.appendMessages(new Message[] {new MimeMessage(session,
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)))});
            inbox.close(false);
        }
        awaitTrue(() -> customers.findByIdentity(customers.normalizer().normalize(Channel.EMAIL, from)).isPresent(),
                "the mail imported before the next poll (an hour away)");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
