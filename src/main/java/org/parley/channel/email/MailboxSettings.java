package org.parley.channel.email;

import java.util.ArrayList;
import java.util.List;
import org.parley.base.InvalidInputException;

/**
 * What an admin (or a property) says about a mailbox. {@code password} null on an edit keeps the stored
 * one. {@link #validate()} checks every field with a clear message.
 */
public record MailboxSettings(String name, String imapHost, int imapPort, boolean imapTls, String username,
        String password, String folder, String smtpHost, int smtpPort, boolean smtpTls, String fromAddress,
        int pollIntervalSeconds) {

    public MailboxSettings {
        name = strip(name);
        imapHost = strip(imapHost);
        username = strip(username);
        folder = strip(folder) == null ? "INBOX" : strip(folder);
        smtpHost = strip(smtpHost);
        fromAddress = strip(fromAddress);
    }

    /** The settings, or an {@link InvalidInputException} naming every wrong field. */
    public MailboxSettings validate() {
        List<String> errors = new ArrayList<>();
        if (name == null || name.length() > 100 || !name.matches("[\\p{L}\\p{N} ._@-]+")) {
            errors.add("name must be 1-100 letters, digits, spaces, '.', '_', '@' or '-'");
        }
        host("IMAP host", imapHost, errors);
        port("IMAP port", imapPort, errors);
        if (username == null || username.length() > 320) {
            errors.add("username is required (at most 320 characters)");
        }
        if (password != null && password.length() > 500) {
            errors.add("password must be at most 500 characters");
        }
        if (folder.length() > 200) {
            errors.add("folder must be at most 200 characters");
        }
        host("SMTP host", smtpHost, errors);
        port("SMTP port", smtpPort, errors);
        if (fromAddress == null || fromAddress.length() > 320
                || !fromAddress.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
            errors.add("from address must be an email address");
        }
        if (pollIntervalSeconds < 5 || pollIntervalSeconds > 86_400) {
            errors.add("poll interval must be 5 to 86400 seconds");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(String.join("; ", errors));
        }
        return this;
    }

    private static void host(String field, String host, List<String> errors) {
        if (host == null || host.length() > 255 || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            errors.add(field + " must be a host name or address");
        }
    }

    private static void port(String field, int port, List<String> errors) {
        if (port < 1 || port > 65_535) {
            errors.add(field + " must be 1-65535");
        }
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
