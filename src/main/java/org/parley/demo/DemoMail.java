package org.parley.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.base.Channel;
import org.parley.channel.email.Mailbox;
import org.parley.channel.email.MailboxService;
import org.parley.channel.email.MailboxSettings;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Demo mode's mail server: an embedded GreenMail (SMTP and IMAP on local ports, {@code parley.demo.mail.*})
 * with one user, the demo mailbox. Parley connects it as an ordinary email channel, so agents' email replies
 * are really delivered (SENT) and the mail poller imports what arrives in its IMAP inbox; every
 * {@code feed-interval} a demo customer writes in about something new. Started only in demo mode.
 */
@Component
class DemoMail implements DisposableBean {

    static final String MAILBOX = "Demo support";

    private static final Logger log = LoggerFactory.getLogger(DemoMail.class);

    private static final String[][] NEW_MAIL = {
        {"Refund for order %s?", "Hello,\n\nI sent order %s back last week. When will I get my money back?\n\nThanks,\n%s"},
        {"Cannot log in since the update", "Hi,\n\nsince this morning's app update I cannot log in: it says my password"
            + " is wrong, but it works on the website.\n\nRegards,\n%2$s"},
        {"Invoice for order %s", "Hello,\n\ncould you send me an invoice for order %s with my company name on it?"
            + "\n\nBest,\n%s"},
        {"Where is my parcel? (%s)", "Hi there,\n\ntracking for %s has not moved since Monday. Is it lost?\n\n%s"},
        {"Upgrade to Pro", "Hello,\n\nif I upgrade to Pro today, do I pay for the whole month? My last order was %s."
            + "\n\nThanks,\n%s"},
        {"App crashes when I upload photos", "Hi,\n\nthe app closes every time I upload more than three photos"
            + " (order %s had the same problem in the web shop).\n\n%s"},
        {"Wrong colour delivered (%s)", "Hello,\n\nI ordered the jacket in blue and got a green one, order %s."
            + " How do I exchange it?\n\nKind regards,\n%s"},
        {"Please cancel my subscription", "Hi,\n\nplease cancel my subscription at the end of this month."
            + " My customer number is on order %s.\n\nThank you,\n%s"},
        {"Question about delivery to Norway", "Hello!\n\nDo you ship to Norway, and how long does it take?"
            + " I would like to reorder %s.\n\n%s"},
        {"Charged twice for %s", "Hi,\n\nmy card was charged twice for order %s. Please refund one of them."
            + " This is urgent.\n\n%s"},
    };

    private final DemoProperties properties;
    private final MailboxService mailboxes;
    private final CustomerDirectory customers;
    private final TaskScheduler scheduler;
    private final AtomicInteger fed = new AtomicInteger();
    private volatile GreenMail greenMail;
    private volatile GreenMailUser user;
    private volatile ScheduledFuture<?> feed;

    DemoMail(DemoProperties properties, MailboxService mailboxes, CustomerDirectory customers,
            @Qualifier("parleyScheduler") TaskScheduler scheduler) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.customers = customers;
        this.scheduler = scheduler;
    }

    /** Starts the mail server (once) and connects the demo mailbox to it. */
    synchronized void start() {
        if (!properties.mail().enabled() || greenMail != null) {
            return;
        }
        DemoProperties.Mail config = properties.mail();
        GreenMail server = new GreenMail(new ServerSetup[] {
            setup(config.smtpPort(), ServerSetup.PROTOCOL_SMTP), setup(config.imapPort(), ServerSetup.PROTOCOL_IMAP)});
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop(); // one protocol may have started before the other failed (e.g. its port is taken)
            throw e;
        }
        greenMail = server;
        user = server.setUser(config.address(), config.address(), properties.password());
        int smtp = server.getSmtp().getPort();
        int imap = server.getImap().getPort();
        MailboxSettings settings = new MailboxSettings(MAILBOX, "127.0.0.1", imap, false, config.address(),
                properties.password(), "INBOX", "127.0.0.1", smtp, false, config.address(), 5);
        Optional<Mailbox> existing = mailboxes.list().stream().filter(m -> m.getName().equals(MAILBOX)).findFirst();
        if (existing.isPresent()) {
            mailboxes.update(existing.get().getId(), settings); // the ports may differ from the last run
            if (!existing.get().isEnabled()) {
                mailboxes.setEnabled(existing.get().getId(), true);
            }
        } else {
            mailboxes.create(settings);
        }
        log.info("Demo mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}, mailbox {} connected as '{}'", smtp, imap,
                config.address(), MAILBOX);
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    /** Lets demo customers write in every {@code feed-interval} from now on. */
    synchronized void startFeed() {
        if (greenMail == null || feed != null || properties.mail().feedInterval().isZero()) {
            return;
        }
        feed = scheduler.scheduleAtFixedRate(() -> {
            try {
                feedOne();
            } catch (RuntimeException e) {
                log.warn("demo mail feed: {}", e.toString());
            }
        }, Instant.now().plus(properties.mail().feedInterval()), properties.mail().feedInterval());
    }

    /**
     * Delivers one new customer mail to the demo mailbox's inbox (the poller imports it like any other).
     *
     * @return its subject, or empty when there is no server or no customer to write
     */
    Optional<String> feedOne() {
        GreenMailUser to = user;
        if (to == null) {
            return Optional.empty();
        }
        List<CustomerProfile> candidates = customers.search("", 300).stream()
                .filter(c -> c.identityFor(Channel.EMAIL).isPresent()).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        CustomerProfile customer = candidates.get(random.nextInt(candidates.size()));
        String[] template = NEW_MAIL[random.nextInt(NEW_MAIL.length)];
        String order = customer.attributes().getOrDefault("last_order", "#" + (100000 + random.nextInt(900000)));
        String subject = String.format(template[0], order);
        String text = String.format(template[1], order, customer.firstName());
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress(customer.identityFor(Channel.EMAIL).orElseThrow().value(),
                    customer.displayName(), "UTF-8"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to.getEmail()));
            mail.setSubject(subject, "UTF-8");
            mail.setSentDate(new Date());
            mail.setText(text, "UTF-8");
            mail.setHeader("Message-ID", "<demo-feed-" + fed.incrementAndGet() + "-" + UUID.randomUUID()
                    + "@mail.example.org>");
            to.deliver(mail);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("could not write a demo mail", e);
        }
        log.debug("demo mail from {}: {}", customer.displayName(), subject);
        return Optional.of(subject);
    }

    /** Where the server listens, for the start-up banner. */
    String describe() {
        GreenMail server = greenMail;
        return server == null ? "mail server not running"
                : "IMAP 127.0.0.1:" + server.getImap().getPort() + ", SMTP 127.0.0.1:" + server.getSmtp().getPort();
    }

    /** What the demo mail server received over SMTP (Parley's replies), for tests and curious people. */
    List<MimeMessage> received() {
        GreenMail server = greenMail;
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    @Override
    public synchronized void destroy() {
        if (feed != null) {
            feed.cancel(false);
            feed = null;
        }
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
            user = null;
        }
    }
}
