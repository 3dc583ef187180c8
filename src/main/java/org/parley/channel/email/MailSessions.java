package org.parley.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.Properties;
import org.parley.channel.secrets.SecretCipher;
import org.springframework.stereotype.Component;

/** Jakarta Mail sessions for a mailbox: IMAP(S) to read, SMTP (STARTTLS, or implicit TLS on 465) to send. */
@Component
class MailSessions {

    static final int TIMEOUT_MS = 30_000;

    private final SecretCipher cipher;

    MailSessions(SecretCipher cipher) {
        this.cipher = cipher;
    }

    String password(Mailbox mailbox) {
        return cipher.decrypt(mailbox.getPasswordSecret());
    }

    Store connectImap(Mailbox mailbox) throws MessagingException {
        return connectImap(mailbox.getImapHost(), mailbox.getImapPort(), mailbox.isImapTls(), mailbox.getUsername(),
                password(mailbox));
    }

    Store connectImap(String host, int port, boolean tls, String username, String password) throws MessagingException {
        String protocol = tls ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".peek", "true"); // reading never sets \Seen: Parley sets it after the commit
        props.put("mail." + protocol + ".partialfetch", "false");
        if (tls) {
            props.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(host, port, username, password);
        return store;
    }

    Session smtpSession(Mailbox mailbox) {
        return smtpSession(mailbox.getSmtpHost(), mailbox.getSmtpPort(), mailbox.isSmtpTls());
    }

    Session smtpSession(String host, int port, boolean tls) {
        String protocol = smtpProtocol(port, tls);
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", host);
        props.put("mail." + protocol + ".port", String.valueOf(port));
        props.put("mail." + protocol + ".auth", "true");
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MS));
        props.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MS));
        if (tls && protocol.equals("smtp")) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (tls) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }

    static String smtpProtocol(int port, boolean tls) {
        return tls && port == 465 ? "smtps" : "smtp";
    }

    /** Connects and authenticates to SMTP without sending anything. */
    void checkSmtp(String host, int port, boolean tls, String username, String password) throws MessagingException {
        Session session = smtpSession(host, port, tls);
        try (Transport transport = session.getTransport(smtpProtocol(port, tls))) {
            transport.connect(host, port, username, password);
        }
    }
}
