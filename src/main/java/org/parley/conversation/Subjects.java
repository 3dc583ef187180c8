package org.parley.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/** Subjects as threading compares them: without reply and forward prefixes. */
public final class Subjects {

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|fwd?|aw|wg|sv|vs|antw|rif|tr|r|enc|odp|ynt)\\s*(\\[\\d+]|\\(\\d+\\))?\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Subjects() {
    }

    /**
     * A subject without reply and forward prefixes (Re:, Fwd:, AW:, WG:, SV:, Re[2]: …, repeated), whitespace
     * folded and lower-cased; empty for none.
     */
    public static String normalize(String subject) {
        if (subject == null) {
            return "";
        }
        return REPLY_PREFIX.matcher(subject.replaceAll("\\s+", " ").strip()).replaceFirst("").strip()
                .toLowerCase(Locale.ROOT);
    }

    /** Whether the subject starts with a reply or forward prefix. */
    public static boolean hasPrefix(String subject) {
        return subject != null && REPLY_PREFIX.matcher(subject).find();
    }
}
