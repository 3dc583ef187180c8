package org.parley.channel.email;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationView;
import org.parley.conversation.DeliveryStatus;
import org.parley.conversation.MessageAttachments;
import org.parley.conversation.MessageView;
import org.parley.conversation.OutboundQueue;
import org.parley.customer.CustomerDirectory;
import org.parley.support.ApiClient;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The email channel end to end against GreenMail's real IMAP and SMTP servers, on H2 and MySQL/MariaDB:
 * receiving, threading a reply chain, replying with threading headers, restarts without duplicates,
 * auto-replies and bounces, attachments and the quarantine.
 */
abstract class EmailChannelContract {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @Autowired
    MailboxService mailboxes;
    @Autowired
    MailPoller poller;
    @Autowired
    MailboxRepository mailboxRepository;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    MessageAttachments attachments;
    @Autowired
    TeamDirectory team;
    @Autowired
    org.parley.security.ApiTokenService tokens;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    String run;
    String support;
    Mailbox mailbox;
    UUID agentId;

    @BeforeEach
    void setUp() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36).substring(0, 8);
        support = "support-" + run + "@parley.test";
        greenMail.setUser(support, "support-" + run, "secret-" + run);
        mailbox = mailboxes.create(settings("Support " + run, "secret-" + run));
        agentId = team.createAgent("mail-" + run, "Mia Mail", "mail-" + run + "@parley.test", "secret-password",
                EnumSet.of(Role.AGENT)).getId();
    }

    MailboxSettings settings(String name, String password) {
        return new MailboxSettings(name, "127.0.0.1", greenMail.getImap().getPort(), false, "support-" + run, password,
                "INBOX", "127.0.0.1", greenMail.getSmtp().getPort(), false, support, 60);
    }

    String customer(String name) {
        return name + "-" + run + "@example.com";
    }

    /** Puts a raw mail into the support mailbox exactly as written (IMAP APPEND). */
    void append(String raw) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "support-" + run, "secret-" + run);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.appendMessages(new Message[] {new MimeMessage(session,
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))});
            inbox.close(false);
        }
    }

    static String mail(String from, String messageId, String subject, String extraHeaders, String body) {
        return "From: " + from + "\nTo: support@parley.test\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\nDate: Mon, 23 Nov 2026 09:00:00 +0000\n" + (extraHeaders == null ? "" : extraHeaders)
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n";
    }

    int poll() {
        return poller.poll(mailbox.getId());
    }

    List<ConversationView> conversationsOf(String address) {
        UUID customer = customers.findByIdentity(customers.normalizer().normalize(Channel.EMAIL, address))
                .orElseThrow().id();
        return conversations.conversationsOf(Viewer.SYSTEM, customer);
    }

    MessageView awaitDelivery(UUID messageId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        MessageView m = outbox.get(messageId);
        while (m.deliveryStatus() == DeliveryStatus.QUEUED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("reply not delivered: " + m);
            }
            sleep(50);
            m = outbox.get(messageId);
        }
        return m;
    }

    MimeMessage receivedBy(String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().contains(address))) {
                    return m;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no mail for " + address);
    }

    boolean allSeenOnServer() throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "support-" + run, "secret-" + run);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            boolean seen = Arrays.stream(inbox.getMessages()).allMatch(m -> {
                try {
                    return m.isSet(Flags.Flag.SEEN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            inbox.close(false);
            return seen;
        }
    }

    @Test
    void receiveThreadAReplyChainReplyFromParleyAndRestartWithoutDuplicates() throws Exception {
        String jane = customer("jane");
        append(mail("Jane Doe <" + jane + ">", "<a-" + run + "@mail.example>", "Broken order", null,
                "My order arrived broken."));
        append(mail(jane, "<b-" + run + "@mail.example>", "Re: Broken order",
                "In-Reply-To: <a-" + run + "@mail.example>\nReferences: <a-" + run + "@mail.example>\n", "Any news?"));
        append(mail(jane, "<c-" + run + "@mail.example>", "AW: Broken order", null, "Still waiting (no headers)."));
        append(mail(jane, "<d-" + run + "@mail.example>", "Invoice address", null, "Another topic."));

        assertThat(poll()).isEqualTo(4);
        assertThat(allSeenOnServer()).as("\\Seen set after the commit").isTrue();
        List<ConversationView> ofJane = conversationsOf(jane);
        assertThat(ofJane).hasSize(2);
        ConversationView order = ofJane.stream().filter(c -> c.subject().equals("Broken order")).findFirst().orElseThrow();
        assertThat(order.sourceAccount()).isEqualTo("Support " + run);
        List<MessageView> thread = conversations.messages(Viewer.SYSTEM, order.id());
        assertThat(thread).extracting(MessageView::text)
                .containsExactly("My order arrived broken.", "Any news?", "Still waiting (no headers).");
        assertThat(thread.getFirst().authorName()).isEqualTo("Jane Doe");

        MessageView reply = conversations.replyAt(Viewer.SYSTEM, order.id(), agentId, null, "A new one is on its way.", false, java.time.Instant.now());
        MessageView sent = awaitDelivery(reply.id());
        assertThat(sent.deliveryStatus()).as("%s", sent.deliveryError()).isEqualTo(DeliveryStatus.SENT);
        MimeMessage out = receivedBy(jane);
        String ourId = "<parley-" + reply.id() + "@parley.test>";
        assertThat(out.getHeader("Message-ID", null)).isEqualTo(ourId);
        assertThat(out.getHeader("In-Reply-To", null)).isEqualTo("<c-" + run + "@mail.example>");
        assertThat(out.getHeader("References", null)).isEqualTo("<a-" + run + "@mail.example> <b-" + run
                + "@mail.example> <c-" + run + "@mail.example>");
        assertThat(out.getSubject()).isEqualTo("Re: Broken order");
        assertThat(out.getFrom()[0].toString()).isEqualTo(support);
        assertThat(((String) out.getContent()).strip()).isEqualTo("A new one is on its way.");

        // the customer answers our reply (Outlook style: In-Reply-To only, a different subject)
        append(mail(jane, "<e-" + run + "@mail.example>", "RE: Your reply", "In-Reply-To: " + ourId + "\n", "Thanks!"));
        assertThat(poll()).isEqualTo(1);
        assertThat(conversations.messages(Viewer.SYSTEM, order.id())).extracting(MessageView::text).contains("Thanks!");
        assertThat(conversationsOf(jane)).hasSize(2);

        // a restart: the stored position means nothing is read again
        assertThat(poll()).isZero();
        // even a lost position (crash before it was saved) imports nothing twice
        Mailbox stored = mailboxRepository.findById(mailbox.getId()).orElseThrow();
        assertThat(stored.getLastUid()).isEqualTo(5);
        assertThat(stored.getLastError()).isNull();
        assertThat(stored.messagesToday(java.time.LocalDate.now(java.time.ZoneOffset.UTC))).isEqualTo(5);
        resetPosition();
        assertThat(poll()).isEqualTo(5);
        assertThat(conversations.messages(Viewer.SYSTEM, order.id())).hasSize(5);
        assertThat(conversationsOf(jane)).hasSize(2);
    }

    abstract void resetPosition();

    @Test
    void autoRepliesOpenNoConversation_andBouncesFailTheOutboundMessage() throws Exception {
        String away = customer("away");
        append(mail(away, "<ooo-" + run + "@mail.example>", "Out of office", "Auto-Submitted: auto-replied\n",
                "I am away."));
        append(mail(customer("list"), "<bulk-" + run + "@mail.example>", "Newsletter", "Precedence: bulk\n", "News"));
        assertThat(poll()).isEqualTo(2);
        assertThat(customers.findByIdentity(customers.normalizer().normalize(Channel.EMAIL, away))).isEmpty();

        String bob = customer("bob");
        append(mail(bob, "<q-" + run + "@mail.example>", "Question", null, "Hello?"));
        assertThat(poll()).isEqualTo(1);
        ConversationView conversation = conversationsOf(bob).getFirst();
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, conversation.id(), agentId, null, "Hello Bob", false, java.time.Instant.now());
        assertThat(awaitDelivery(reply.id()).deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
        String ourId = "<parley-" + reply.id() + "@parley.test>";

        // an auto-reply to our reply joins the known thread instead of opening a new one
        append(mail(bob, "<ooo2-" + run + "@mail.example>", "Automatic reply: Re: Question",
                "Auto-Submitted: auto-replied\nIn-Reply-To: " + ourId + "\n", "Bob is away."));
        String boundary = "b-" + run;
        append("From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: " + support
                + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <bounce-" + run + "@mx.example.com>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary
                + "\"\n\n--" + boundary + "\nContent-Type: text/plain\n\nYour message could not be delivered.\n--"
                + boundary + "\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n"
                + "Final-Recipient: rfc822; " + bob + "\nAction: failed\nStatus: 5.1.1\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n--" + boundary
                + "\nContent-Type: text/rfc822-headers\n\nFrom: " + support + "\nTo: " + bob + "\nMessage-ID: " + ourId
                + "\nSubject: Re: Question\n\n--" + boundary + "--\n");
        assertThat(poll()).isEqualTo(2);

        assertThat(conversationsOf(bob)).hasSize(1);
        assertThat(conversations.messages(Viewer.SYSTEM, conversation.id())).extracting(MessageView::text).contains("Bob is away.");
        MessageView bounced = outbox.get(reply.id());
        assertThat(bounced.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(bounced.deliveryError()).startsWith("bounced:").contains("550 5.1.1 user unknown");
        assertThat(customers.findByIdentity(customers.normalizer().normalize(Channel.EMAIL,
                "mailer-daemon@mx.example.com"))).isEmpty();
    }

    @Test
    void attachmentsInlineImagesOversizedFilesAndBrokenCharsets() throws Exception {
        String ann = customer("ann");
        String boundary = "mix-" + run;
        String big = "A".repeat(3000);
        append("From: Ann <" + ann + ">\nTo: " + support + "\nSubject: Photos\nMessage-ID: <att-" + run
                + "@mail.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n--"
                + boundary + "\nContent-Type: multipart/related; boundary=\"rel-" + run + "\"\n\n--rel-" + run
                + "\nContent-Type: text/html; charset=x-no-such-charset\n\n<p>See <img src=\"cid:img1@x\"> caf\u00e9</p>\n--rel-"
                + run + "\nContent-Type: image/png\nContent-ID: <img1@x>\nContent-Transfer-Encoding: base64\n\n"
                + "iVBORw0KGgo=\n--rel-" + run + "--\n--" + boundary
                + "\nContent-Type: application/pdf; name=\"invoice.pdf\"\nContent-Disposition: attachment; filename=\"invoice.pdf\"\n\n"
                + "%PDF-1.4 tiny\n--" + boundary
                + "\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"big.bin\"\n\n"
                + big + "\n--" + boundary + "--\n");
        assertThat(poll()).isEqualTo(1);

        ConversationView conversation = conversationsOf(ann).getFirst();
        MessageView message = conversations.messages(Viewer.SYSTEM, conversation.id()).getFirst();
        assertThat(message.html()).contains("café").doesNotContain("<img");
        assertThat(message.text()).contains("attachment 'big.bin'").contains("was not stored");
        List<MessageAttachments.AttachmentView> files = attachments.of(List.of(message.id())).get(message.id());
        assertThat(files).extracting(MessageAttachments.AttachmentView::fileName)
                .containsExactlyInAnyOrder("img1@x", "invoice.pdf");
        MessageAttachments.AttachmentView image = files.stream().filter(f -> f.inline()).findFirst().orElseThrow();
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.contentId()).isEqualTo("img1@x");
        MessageAttachments.AttachmentView pdf = files.stream().filter(f -> !f.inline()).findFirst().orElseThrow();
        assertThat(new String(attachments.content(pdf.id()).orElseThrow(), StandardCharsets.US_ASCII).strip())
                .isEqualTo("%PDF-1.4 tiny");

        // over REST: the message lists its files, and the PDF downloads with its bytes, under the visibility rule
        var billing = team.createTeam("Billing " + run, null);
        conversations.moveToTeam(Viewer.SYSTEM, conversation.id(), billing.getId());
        var member = team.createAgent("bill-" + run, "Bill " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        team.addMember(billing.getId(), member.getId(), false);
        var outsider = team.createAgent("out-" + run, "Out " + run, null, "secret-password", EnumSet.of(Role.AGENT));
        ApiClient memberApi = new ApiClient(port, tokens.create("bill " + run, member.getId()).token());
        ApiClient outsiderApi = new ApiClient(port, tokens.create("out " + run, outsider.getId()).token());
        var json = memberApi.get("/api/v1/conversations/" + conversation.id()).json();
        var listed = json.path("messages").get(0).path("attachments");
        assertThat(listed.size()).isEqualTo(2);
        var pdfJson = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(a -> a.path("fileName").asString().equals("invoice.pdf")).findFirst().orElseThrow();
        assertThat(pdfJson.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(pdfJson.path("size").asLong()).isEqualTo(pdf.size());
        assertThat(pdfJson.path("inline").asBoolean()).isFalse();
        assertThat(memberApi.get("/api/v1/customers/" + conversation.customerId() + "/timeline").json().get(0)
                .path("attachments").size()).isEqualTo(2);
        ApiClient.BinaryResponse download = memberApi.getBytes("/api/v1/attachments/" + pdfJson.path("id").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/pdf");
        assertThat(download.body()).isEqualTo(attachments.content(pdf.id()).orElseThrow());
        assertThat(download.contentDisposition()).startsWith("attachment;").contains("filename=\"invoice.pdf\"");
        assertThat(outsiderApi.getBytes("/api/v1/attachments/" + pdf.id()).status()).isEqualTo(404);
        assertThat(memberApi.getBytes("/api/v1/attachments/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(new ApiClient(port, null).getBytes("/api/v1/attachments/" + pdf.id()).status()).isEqualTo(401);
    }

    @Test
    void malformedMailIsQuarantined_thenRetriedOrDiscarded() throws Exception {
        append("From: " + customer("eve") + "\nTo: " + support + "\nSubject: Broken " + run + "\nMessage-ID: <bad-" + run
                + "@mail.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\nno boundary at all\n");
        append("To: " + support + "\nSubject: Nobody " + run + "\nMessage-ID: <anon-" + run
                + "@mail.example>\n\nWho sent this?\n");
        append(mail(customer("fine"), "<fine-" + run + "@mail.example>", "Fine", null, "A good one."));
        assertThat(poll()).isEqualTo(3);
        assertThat(allSeenOnServer()).isTrue();
        assertThat(conversationsOf(customer("fine"))).hasSize(1);

        List<QuarantinedMail> held = mailboxes.quarantine(100).stream()
                .filter(q -> q.getMailbox().equals(mailbox.getName())).toList();
        assertThat(held).hasSize(2);
        QuarantinedMail noBoundary = held.stream().filter(q -> q.getReason().contains("boundary")).findFirst()
                .orElseThrow(() -> new AssertionError(held.stream().map(QuarantinedMail::getReason).toList()));
        QuarantinedMail noSender = held.stream().filter(q -> q.getReason().contains("no sender")).findFirst().orElseThrow();
        assertThat(noBoundary.getUid()).isEqualTo(1);

        assertThatThrownBy(() -> mailboxes.retryQuarantined(noSender.getId()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no sender");
        mailboxes.discardQuarantined(noSender.getId());
        mailboxes.discardQuarantined(noBoundary.getId());
        assertThat(mailboxes.quarantine(100)).noneMatch(q -> q.getMailbox().equals(mailbox.getName()));
    }

    @Test
    void mailboxSecretsAreEncryptedAndConnectionTestsReportTheServersError() throws Exception {
        Mailbox stored = mailboxRepository.findById(mailbox.getId()).orElseThrow();
        assertThat(stored.getPasswordSecret()).startsWith("v2:").doesNotContain("secret-" + run);
        assertThat(stored.settings().password()).isNull();

        assertThat(mailboxes.testConnection(null, settings("x", "secret-" + run))).contains("IMAP and SMTP logins work");
        assertThatThrownBy(() -> mailboxes.testConnection(null, settings("x", "wrong")))
                .isInstanceOf(MailboxService.ConnectionFailed.class).hasMessageStartingWith("IMAP: ");
        assertThat(mailboxes.testConnection(mailbox.getId(), settings("x", null)))
                .as("an edit without a new password tests the stored one").contains("logins work");
        assertThatThrownBy(() -> mailboxes.create(settings("Support " + run, "p")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> mailboxes.create(new MailboxSettings("", "bad host!", 0, false, null, "p", null,
                "", 70000, false, "nope", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name").hasMessageContaining("IMAP host")
                .hasMessageContaining("IMAP port").hasMessageContaining("from address").hasMessageContaining("poll interval");
    }

    @Test
    void aDisabledMailboxIsNotPolledAndCannotSend() throws Exception {
        append(mail(customer("zed"), "<z-" + run + "@mail.example>", "Hi", null, "hi"));
        mailboxes.setEnabled(mailbox.getId(), false);
        assertThat(poll()).isEqualTo(-1);
        mailboxes.setEnabled(mailbox.getId(), true);
        assertThat(poll()).isEqualTo(1);
        ConversationView conversation = conversationsOf(customer("zed")).getFirst();
        mailboxes.setEnabled(mailbox.getId(), false);
        MessageView reply = conversations.replyAt(Viewer.SYSTEM, conversation.id(), agentId, null, "hello", false, java.time.Instant.now());
        MessageView failed = awaitDelivery(reply.id());
        assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.deliveryError()).isEqualTo("mailbox 'Support " + run + "' is disabled");
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
