package org.parley.channel.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.MessageAttachments.NewAttachment;

/**
 * Reads one raw RFC 5322 mail into what Parley stores: ids and thread headers, sender, subject, the
 * text and HTML bodies (any charset: unknown or broken charsets fall back to UTF-8, then to
 * windows-1252, never fail), attachments and inline images within the size limit (larger ones become
 * a note), and whether the mail is an auto-reply or a bounce. A mail that cannot be read as MIME
 * raises {@link MalformedMailException}, and the importer quarantines it.
 */
class MailParser {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Session SESSION = Session.getInstance(lenient());

    /**
     * Reads mail the way mail clients do rather than refusing it: raw UTF-8 in headers (RFC 6532, common
     * today) is read as UTF-8, not as Latin-1; an unknown Content-Transfer-Encoding is read as 8bit;
     * malformed header parameters (an empty {@code filename=}) are kept as far as they go.
     */
    private static Properties lenient() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.ignoreunknownencoding", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        return properties;
    }

    private final long maxAttachmentBytes;

    MailParser(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    ParsedMail parse(byte[] raw) throws MalformedMailException {
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Walk walk = new Walk();
            walk.part(mime, 0);
            InternetAddress from = sender(mime);
            String messageId = firstId(mime.getHeader("Message-ID", null));
            String inReplyTo = firstId(mime.getHeader("In-Reply-To", null));
            List<String> references = ids(mime.getHeader("References", " "));
            Instant sentAt = mime.getSentDate() == null ? null : mime.getSentDate().toInstant();
            String subject = decodeSubject(mime);
            boolean bounce = walk.report || isDaemon(from);
            List<String> bounced = new ArrayList<>(walk.originalIds);
            if (bounce) {
                if (inReplyTo != null) {
                    bounced.add(inReplyTo);
                }
                bounced.addAll(references);
            }
            return new ParsedMail(messageId, from == null ? null : from.getAddress(),
                    from == null ? null : from.getPersonal(), subject, walk.text, walk.html, inReplyTo, references,
                    sentAt, walk.attachments, walk.dropped, isAutoReply(mime), bounce,
                    List.copyOf(new LinkedHashSet<>(bounced)), walk.diagnostic);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MalformedMailException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static InternetAddress sender(MimeMessage mime) throws MessagingException {
        Address[] from;
        try {
            from = mime.getFrom();
        } catch (MessagingException strictParseFailed) {
            String header = mime.getHeader("From", ",");
            from = header == null ? null : InternetAddress.parseHeader(header, false);
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || address.getAddress() == null || !address.getAddress().contains("@")) {
            throw new MessagingException("the mail has no sender address (From)");
        }
        return address;
    }

    private static String decodeSubject(MimeMessage mime) {
        try {
            return mime.getSubject();
        } catch (MessagingException e) {
            try {
                return mime.getHeader("Subject", null);
            } catch (MessagingException ignored) {
                return null;
            }
        }
    }

    static boolean isAutoReply(MimeMessage mime) throws MessagingException {
        String autoSubmitted = mime.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        if (mime.getHeader("X-Autoreply") != null || mime.getHeader("X-Autorespond") != null) {
            return true;
        }
        String precedence = mime.getHeader("Precedence", null);
        return precedence != null && Set.of("bulk", "auto_reply", "junk")
                .contains(precedence.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean isDaemon(InternetAddress from) {
        String local = from.getAddress().substring(0, from.getAddress().indexOf('@')).toLowerCase(Locale.ROOT);
        return local.equals("mailer-daemon") || local.equals("postmaster");
    }

    static String firstId(String header) {
        List<String> all = ids(header);
        return all.isEmpty() ? (header == null || header.isBlank() ? null : header.strip()) : all.getFirst();
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find() && ids.size() < 100) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** Walks the MIME tree once, collecting bodies, files and bounce details. */
    private final class Walk {
        String text;
        String html;
        boolean report;
        String diagnostic;
        final List<String> originalIds = new ArrayList<>();
        final List<NewAttachment> attachments = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();

        void part(Part part, int depth) throws MessagingException, IOException {
            if (depth > 20) {
                throw new MessagingException("MIME nesting deeper than 20 levels");
            }
            String type = contentType(part);
            if (type.startsWith("multipart/")) {
                if (type.startsWith("multipart/report")) {
                    report = true;
                }
                Object content = part.getContent();
                if (!(content instanceof Multipart multipart)) {
                    throw new MessagingException("a " + type + " part without its parts");
                }
                int count = multipart.getCount();
                for (int i = 0; i < count; i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    part(child, depth + 1);
                }
                return;
            }
            if (report && (type.startsWith("message/delivery-status"))) {
                String status = decode(part, bytes(part));
                Matcher diag = Pattern.compile("(?im)^(Diagnostic-Code|Status):\\s*(.+)$").matcher(status);
                List<String> found = new ArrayList<>();
                while (diag.find()) {
                    found.add(diag.group(2).strip());
                }
                diagnostic = found.isEmpty() ? "undeliverable" : String.join("; ", found);
                return;
            }
            if (report && (type.startsWith("message/rfc822") || type.startsWith("text/rfc822-headers"))) {
                InternetHeaders original = new InternetHeaders(new ByteArrayInputStream(bytes(part)));
                String id = firstId(original.getHeader("Message-ID", null));
                if (id != null) {
                    originalIds.add(id);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
            String fileName = fileName(part);
            if (!attachment && fileName == null && type.startsWith("text/plain") && text == null) {
                text = decode(part, bytes(part));
            } else if (!attachment && fileName == null && type.startsWith("text/html") && html == null) {
                html = decode(part, bytes(part));
            } else {
                file(part, type, fileName);
            }
        }

        private void file(Part part, String type, String fileName) throws MessagingException, IOException {
            String[] cid = part.getHeader("Content-ID");
            String contentId = cid == null || cid.length == 0 ? null : cid[0].strip().replaceAll("^<|>$", "");
            boolean inline = contentId != null || Part.INLINE.equalsIgnoreCase(disposition(part));
            String name = fileName != null ? fileName : contentId != null ? contentId : "attachment";
            byte[] content;
            try (InputStream in = part.getInputStream()) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
                if (content.length > maxAttachmentBytes) {
                    long total = content.length + in.transferTo(java.io.OutputStream.nullOutputStream());
                    dropped.add("attachment '" + name + "' (" + total + " bytes) was not stored: it is larger than the"
                            + " limit of " + maxAttachmentBytes + " bytes");
                    return;
                }
            }
            String baseType = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
            attachments.add(new NewAttachment(name, baseType, contentId, inline, content));
        }
    }

    private static String contentType(Part part) {
        try {
            String raw = part.getContentType();
            return raw == null ? "text/plain" : raw.toLowerCase(Locale.ROOT).strip();
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    /** The disposition; a malformed Content-Disposition counts as an attachment (it names a file, if anything). */
    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException malformed) {
            return Part.ATTACHMENT;
        }
    }

    /** The undecoded body of a part (for a multipart that cannot be split into its parts). */
    private static byte[] rawBody(Part part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeMessage m ? m.getRawInputStream()
                : part instanceof jakarta.mail.internet.MimeBodyPart b ? b.getRawInputStream() : part.getInputStream();
        try (InputStream in = raw) {
            return in.readAllBytes();
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null || name.isBlank() ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "attachment";
        }
    }

    /** The decoded body; with an unknown Content-Transfer-Encoding, the body as it is (mail clients show that too). */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (MessagingException | IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Unknown encoding")) {
                return rawBody(part);
            }
            throw e;
        }
    }

    /** Text in its declared charset; an unknown or lying charset falls back to UTF-8, then windows-1252. */
    static String decode(Part part, byte[] bytes) {
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException ignored) {
            // no usable Content-Type: fall back below
        }
        if (declared != null) {
            try {
                Charset charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
                return strict(charset, bytes);
            } catch (IllegalArgumentException | CharacterCodingException unknownOrWrong) {
                // fall through
            }
        }
        try {
            return strict(StandardCharsets.UTF_8, bytes);
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A mail as Parley stores it. */
    record ParsedMail(String messageId, String fromAddress, String fromName, String subject, String text, String html,
            String inReplyTo, List<String> references, Instant sentAt, List<NewAttachment> attachments,
            List<String> droppedAttachments, boolean autoReply, boolean bounce, List<String> bouncedMessageIds,
            String bounceReason) {
    }

    /** The mail cannot be read: it goes to the quarantine with this reason. */
    static class MalformedMailException extends Exception {
        MalformedMailException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
