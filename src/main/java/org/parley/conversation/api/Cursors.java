package org.parley.conversation.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.conversation.PageCursor;

/** Page cursors as opaque URL-safe strings ({@code next} of one page, {@code cursor} of the following request). */
final class Cursors {

    private Cursors() {
    }

    static String encode(PageCursor cursor) {
        Instant at = cursor.lastActivityAt();
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts expected");
            }
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidInputException("cursor is not one this API gave out: use the 'next' of the previous page");
        }
    }
}
