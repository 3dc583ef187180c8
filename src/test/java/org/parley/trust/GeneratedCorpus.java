package org.parley.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The huge items of the malformed-input corpus, generated rather than committed: huge headers, deeply nested
 * multiparts, oversized bodies and attachments, thousands of parts, deeply nested and oversized JSON; and the
 * mutations of the long form (bytes flipped, cut, repeated).
 */
final class GeneratedCorpus {

    private static final int MB = 1024 * 1024;

    private GeneratedCorpus() {
    }

    static Map<String, byte[]> mails() {
        Map<String, byte[]> mails = new LinkedHashMap<>();
        mails.put("generated-huge-subject.eml", mail("huge-subject", "Subject: " + "S".repeat(MB) + "\r\n",
                "text/plain", "a one-megabyte subject"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("X-Corpus-").append(i).append(": ").append("v".repeat(50)).append("\r\n");
        }
        mails.put("generated-20000-headers.eml", mail("many-headers", many.toString(), "text/plain", "20,000 headers"));
        StringBuilder folded = new StringBuilder("X-Folded: start");
        for (int i = 0; i < 100_000; i++) {
            folded.append("\r\n continued ").append(i);
        }
        mails.put("generated-folded-header.eml", mail("folded-header", folded + "\r\n", "text/plain", "a header"
                + " folded 100,000 times"));
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 50_000; i++) {
            references.append(" <ref-").append(i).append("@corpus.example>");
        }
        mails.put("generated-50000-references.eml", mail("many-references", references + "\r\n", "text/plain",
                "50,000 references"));
        StringBuilder recipients = new StringBuilder("Cc: ");
        for (int i = 0; i < 10_000; i++) {
            recipients.append(i == 0 ? "" : ",\r\n ").append("person-").append(i).append("@corpus.example");
        }
        mails.put("generated-10000-recipients.eml", mail("many-recipients", recipients + "\r\n", "text/plain", "cc'd"));
        mails.put("generated-nested-100.eml", nested("nested-100", 100));
        mails.put("generated-nested-1000.eml", nested("nested-1000", 1000));
        mails.put("generated-20mb-text-body.eml", mail("huge-text", "", "text/plain; charset=utf-8",
                "All work and no play. ".repeat(20 * MB / 22)));
        mails.put("generated-5mb-html-body.eml", mail("huge-html", "", "text/html; charset=utf-8",
                "<div><p>deep</p>".repeat(5 * MB / 16)));
        mails.put("generated-5mb-single-line.eml", mail("single-line", "", "text/plain", "x".repeat(5 * MB)));
        mails.put("generated-oversized-attachment.eml", withParts("big-attachment", 1, 3 * MB));
        mails.put("generated-2000-parts.eml", withParts("many-parts", 2000, 10));
        return mails;
    }

    static Map<String, byte[]> bodies(String endpoint) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("generated-nested-100000.json", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.put("generated-object-nested-5000.json", ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("generated-20mb.json", switch (endpoint) {
            case "inbound" -> ("{\"channel\": \"API\", \"externalId\": \"huge-1\", \"from\": {\"type\": \"EMAIL\","
                    + " \"value\": \"corpus-huge@example.com\"}, \"text\": \"" + "t".repeat(20 * MB) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case "phone" -> ("{\"callId\": \"huge-call\", \"direction\": \"INBOUND\", \"from\": \"+4930123461\","
                    + " \"status\": \"COMPLETED\", \"transcript\": \"" + "t".repeat(20 * MB) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"object\": \"page\", \"entry\": [], \"pad\": \"" + "p".repeat(20 * MB) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        });
        bodies.put("generated-long-number.json", ("{\"n\": " + "9".repeat(200_000) + "}").getBytes(StandardCharsets.UTF_8));
        bodies.put("generated-many-keys.json", manyKeys());
        return bodies;
    }

    /** A mutation of a seed: some bytes flipped, a piece cut out, a piece repeated, or cut short. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.length == 0 ? new byte[] {'{'} : seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    for (int i = 0; i < 1 + random.nextInt(8); i++) {
                        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> out = Arrays.copyOf(out, Math.max(1, random.nextInt(out.length + 1)));
                case 2 -> {
                    int from = random.nextInt(out.length);
                    int length = Math.min(out.length - from, 1 + random.nextInt(64));
                    ByteArrayOutputStream repeated = new ByteArrayOutputStream();
                    repeated.write(out, 0, from + length);
                    for (int i = 0; i < 1 + random.nextInt(20); i++) {
                        repeated.write(out, from, length);
                    }
                    repeated.write(out, from + length, out.length - from - length);
                    out = repeated.toByteArray();
                }
                default -> {
                    int from = random.nextInt(out.length);
                    int to = Math.min(out.length, from + random.nextInt(64));
                    byte[] cut = new byte[out.length - (to - from)];
                    System.arraycopy(out, 0, cut, 0, from);
                    System.arraycopy(out, to, cut, from, out.length - to);
                    out = cut.length == 0 ? new byte[] {'x'} : cut;
                }
            }
        }
        return out;
    }

    private static byte[] mail(String id, String extraHeaders, String contentType, String body) {
        return ("From: Corpus Generator <generator@corpus.example>\r\nTo: corpus@corpus.test\r\n"
                + (extraHeaders.startsWith("Subject:") ? "" : "Subject: generated " + id + "\r\n")
                + "Message-ID: <generated-" + id + "@corpus.example>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n"
                + extraHeaders + "MIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nested(String id, int depth) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            body.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1)
                    .append("\"\r\n\r\n");
        }
        body.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nat the bottom\r\n--b")
                .append(depth).append("--\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            body.append("--b").append(i).append("--\r\n");
        }
        return mail(id, "", "multipart/mixed; boundary=\"b0\"", body.toString());
    }

    private static byte[] withParts(String id, int parts, int bytesPerPart) {
        StringBuilder body = new StringBuilder("--p\r\nContent-Type: text/plain\r\n\r\nsee the attachments\r\n");
        String content = java.util.Base64.getMimeEncoder().encodeToString(new byte[bytesPerPart]);
        for (int i = 0; i < parts; i++) {
            body.append("--p\r\nContent-Type: application/octet-stream; name=\"part-").append(i)
                    .append(".bin\"\r\nContent-Disposition: attachment; filename=\"part-").append(i)
                    .append(".bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n").append(content).append("\r\n");
        }
        body.append("--p--\r\n");
        return mail(id, "", "multipart/mixed; boundary=\"p\"", body.toString());
    }

    private static byte[] manyKeys() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 200_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
