package org.parley.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ImapReader} against a real IMAP server: listing, batches, reading by UID, \Seen only where told. */
class ImapReaderTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP);

    private final Session session = Session.getInstance(new Properties());

    @BeforeEach
    void mailbox() {
        greenMail.setUser("reader@parley.test", "reader", "secret");
    }

    private void append(int n, String body) throws Exception {
        try (Store store = connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            String raw = "From: sender" + n + "@example.com\r\nTo: reader@parley.test\r\nSubject: Mail " + n
                    + "\r\nMessage-ID: <m" + n + "@example.com>\r\n\r\n" + body + "\r\n";
            inbox.appendMessages(new Message[] {new MimeMessage(session,
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)))});
            inbox.close(false);
        }
    }

    private Store connect() throws Exception {
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), "reader", "secret");
        return store;
    }

    @Test
    void listsReadsInBatchesAndMarksOnlyWhatItIsTold() throws Exception {
        try (Store store = connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(ImapReader.waiting(inbox, 0)).as("an empty folder").isEmpty();
            inbox.close(false);
        }
        for (int i = 1; i <= 5; i++) {
            append(i, i == 3 ? "x".repeat(5_000) : "Hello " + i);
        }
        try (Store store = connect()) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            List<ImapReader.Waiting> waiting = ImapReader.waiting(inbox, 0);
            assertThat(waiting).extracting(ImapReader.Waiting::uid).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(waiting.get(2).size()).isGreaterThan(5_000);
            assertThat(ImapReader.waiting(inbox, 2)).extracting(ImapReader.Waiting::uid).containsExactly(3L, 4L, 5L);
            assertThat(ImapReader.waiting(inbox, 5)).as("nothing after the last UID").isEmpty();

            // two mails per batch at most, and the big third mail alone over the byte limit
            List<ImapReader.Batch> batches = ImapReader.batches(waiting, 2, 4_000);
            assertThat(batches).extracting(b -> b.mails().stream().map(ImapReader.Waiting::uid).toList())
                    .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L, 5L));
            assertThat(ImapReader.batches(waiting)).hasSize(1);

            assertThat(ImapReader.read(inbox, batches.get(0))).extracting(MailImporter.RawMail::uid)
                    .containsExactly(1L, 2L);
            List<MailImporter.RawMail> second = ImapReader.read(inbox, batches.get(2));
            assertThat(second).extracting(MailImporter.RawMail::uid).containsExactly(4L, 5L);
            assertThat(new String(second.getFirst().raw(), StandardCharsets.UTF_8)).contains("Message-ID: <m4@example.com>")
                    .contains("Hello 4");
            ImapReader.markSeen(inbox, batches.get(2));
            inbox.close(false);
        }
        try (Store store = connect()) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            // reading set nothing (BODY.PEEK): only the batch marked is \Seen, not the first one, read but not committed
            assertThat(List.of(inbox.getMessages())).extracting(m -> m.isSet(Flags.Flag.SEEN))
                    .containsExactly(false, false, false, true, true);
            inbox.close(false);
        }
    }
}
