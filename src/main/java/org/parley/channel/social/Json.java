package org.parley.channel.social;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Small null-safe readers for webhook payloads. */
public final class Json {

    private Json() {
    }

    /** The field as text, or null when it is missing, null or blank; numbers are given as their digits. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
            return null;
        }
        String s = value.asString();
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * An epoch time in seconds or milliseconds (told apart by size), as a number or a string; null if absent or
     * outside the range of {@link Instant}.
     */
    public static Instant epoch(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s.strip());
            return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s.strip());
            } catch (java.time.format.DateTimeParseException notIso) {
                return null;
            }
        }
    }

    public static boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.asBoolean(false);
    }
}
