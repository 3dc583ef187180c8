package org.parley.channel.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.parley.base.Channel;
import org.parley.channel.outbox.ChannelSender;
import org.parley.channel.outbox.DeliveryException;
import org.parley.channel.outbox.DeliveryReceipt;
import org.parley.channel.outbox.OutboundDelivery;
import org.parley.conversation.Subjects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends email replies over the SMTP server of the mailbox the conversation came in through (or the
 * first enabled mailbox), with Parley's own Message-ID (stable per message, so a retried send is
 * recognisably the same mail), In-Reply-To and References for the customer's mail client, and a
 * {@code Re:} subject.
 */
@Component
class EmailSender implements ChannelSender {

    private static final int MAX_REFERENCES = 20;

    private final MailboxRepository mailboxes;
    private final MailSessions sessions;

    EmailSender(MailboxRepository mailboxes, MailSessions sessions) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
    }

    @Override
    public boolean supports(Channel channel) {
        return channel == Channel.EMAIL;
    }

    @Override
    @Transactional(readOnly = true)
    public DeliveryReceipt send(OutboundDelivery d) throws DeliveryException {
        Mailbox mailbox = mailbox(d.account());
        String messageId = messageId(d, mailbox);
        try {
            Session session = sessions.smtpSession(mailbox);
            MimeMessage mail = new OwnIdMimeMessage(session, messageId);
            mail.setFrom(new InternetAddress(mailbox.getFromAddress(), null, "UTF-8"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress(d.recipient(), d.recipientName(), "UTF-8"));
            mail.setSubject(subject(d.subject()), "UTF-8");
            mail.setSentDate(new Date());
            List<String> references = new ArrayList<>(d.references());
            if (d.inReplyTo() != null) {
                mail.setHeader("In-Reply-To", d.inReplyTo());
                if (!references.contains(d.inReplyTo())) {
                    references.add(d.inReplyTo());
                }
            }
            if (!references.isEmpty()) {
                List<String> kept = references.size() > MAX_REFERENCES
                        ? references.subList(references.size() - MAX_REFERENCES, references.size()) : references;
                mail.setHeader("References", String.join(" ", kept));
            }
            mail.setHeader("Auto-Submitted", "no");
            mail.setText(d.text(), "UTF-8");
            mail.saveChanges();
            Transport.send(mail, mailbox.getUsername(), sessions.password(mailbox));
            return new DeliveryReceipt(messageId);
        } catch (AuthenticationFailedException e) {
            throw DeliveryException.permanentFailure("SMTP login to " + mailbox.getSmtpHost() + " refused: "
                    + MailboxService.message(e), e);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw DeliveryException.permanentFailure("invalid address: " + e.getMessage(), e);
        } catch (SMTPSendFailedException e) {
            String reason = "SMTP " + e.getReturnCode() + ": " + MailboxService.message(e);
            throw e.getReturnCode() >= 500 ? DeliveryException.permanentFailure(reason, e)
                    : DeliveryException.transientFailure(reason, e);
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                throw DeliveryException.permanentFailure("recipient refused: " + MailboxService.message(e), e);
            }
            throw DeliveryException.transientFailure("SMTP: " + MailboxService.message(e), e);
        } catch (MessagingException e) {
            throw DeliveryException.transientFailure("SMTP: " + MailboxService.message(e), e);
        }
    }

    private Mailbox mailbox(String account) throws DeliveryException {
        Optional<Mailbox> mailbox = account != null ? mailboxes.findByName(account)
                : mailboxes.findByEnabledTrueOrderByName().stream().findFirst();
        if (mailbox.isEmpty()) {
            throw DeliveryException.permanentFailure(account == null ? "no connected account for channel EMAIL"
                    : "no connected mailbox '" + account + "'", null);
        }
        if (!mailbox.get().isEnabled()) {
            throw DeliveryException.permanentFailure("mailbox '" + mailbox.get().getName() + "' is disabled", null);
        }
        return mailbox.get();
    }

    static String messageId(OutboundDelivery d, Mailbox mailbox) {
        String from = mailbox.getFromAddress();
        String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return "<" + d.idempotencyKey() + "@" + (domain.isEmpty() ? "parley.invalid" : domain) + ">";
    }

    static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            return "Re: your message";
        }
        String original = subject.strip();
        return original.regionMatches(true, 0, "re", 0, 2) && Subjects.hasPrefix(original) ? original : "Re: " + original;
    }

    /** Keeps the Message-ID Parley chose: {@code saveChanges()} would otherwise replace it. */
    static final class OwnIdMimeMessage extends MimeMessage {

        private final String messageId;

        OwnIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
