package org.parley.conversation.ui;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.base.Channel;

/**
 * What the composer tells an agent before a public reply: that everyone can see it, how many characters
 * the network still takes, and whether the text looks private (an email address, a phone number, a
 * payment card number) so that it is better continued in a direct message.
 */
public final class PublicReplyGuard {

    /** Kinds of private data a public reply should not contain. */
    public enum Finding {
        EMAIL_ADDRESS("an email address"),
        PHONE_NUMBER("a phone number"),
        CARD_NUMBER("a card number");

        private final String label;

        Finding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+");
    /** 13 to 19 digits, optionally grouped by single spaces or dashes. */
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");

    private PublicReplyGuard() {
    }

    /** Whether a reply on {@code via} in a thread with this key is visible to everyone. */
    public static boolean isPublic(Channel via, String threadKey) {
        return via != null && via.isPublicThread(threadKey);
    }

    /** The banner for a public reply, e.g. "Public reply on X — everyone can see it". */
    public static String publicBanner(Channel via) {
        return "Public reply on " + via.label() + " — everyone can see it";
    }

    /** "12 / 280" against the network's limit, or the plain length where there is none. */
    public static String count(Channel via, String text) {
        int length = length(text);
        return via != null && via.maxLength() > 0 ? length + " / " + via.maxLength()
                : length == 0 ? "" : length + " characters";
    }

    /** Characters as a person counts them (an emoji is one), which is how the networks count. */
    public static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    public static boolean tooLong(Channel via, String text) {
        return via != null && via.maxLength() > 0 && length(text) > via.maxLength();
    }

    /** The kinds of private data found in the text, in the order of {@link Finding}. */
    public static Set<Finding> scan(String text, String defaultRegion) {
        Set<Finding> found = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        if (EMAIL.matcher(text).find()) {
            found.add(Finding.EMAIL_ADDRESS);
        }
        List<int[]> cardSpans = new ArrayList<>();
        Matcher card = CARD.matcher(text);
        while (card.find()) {
            if (luhn(card.group().replaceAll("[ -]", ""))) {
                cardSpans.add(new int[] {card.start(), card.end()});
            }
        }
        for (PhoneNumberMatch match : PhoneNumberUtil.getInstance().findNumbers(text,
                defaultRegion == null ? "US" : defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            boolean insideCard = cardSpans.stream().anyMatch(s -> match.start() >= s[0] && match.end() <= s[1]);
            if (!insideCard) {
                found.add(Finding.PHONE_NUMBER);
                break;
            }
        }
        if (!cardSpans.isEmpty()) {
            found.add(Finding.CARD_NUMBER);
        }
        return found;
    }

    /** The warning for a public reply that looks private. */
    public static String warning(Channel via, Set<Finding> findings) {
        List<String> labels = findings.stream().map(Finding::label).toList();
        String what = labels.size() == 1 ? labels.getFirst()
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.getLast();
        return "This reply contains what looks like " + what + ". On " + via.label()
                + " everyone can see it. Continue in a direct message instead?";
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
