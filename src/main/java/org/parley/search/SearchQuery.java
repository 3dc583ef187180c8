package org.parley.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;

/**
 * What an agent typed into the search field: free text (words, "quoted phrases", {@code -word} to exclude,
 * {@code a | b} for either) and filters {@code key:value} or {@code key:"two words"}. Filters of one key are
 * alternatives ({@code status:open status:pending}); different keys all apply. A malformed query is refused
 * with the reason ({@link InvalidInputException}).
 *
 * @param text the free text, empty when the query is only filters
 * @param filters the filters in the order typed, each as the agent wrote it (the inbox shows them as chips)
 */
public record SearchQuery(String text, List<Filter> filters) {

    /** The filter keys, in the order the help lists them. */
    public static final List<String> KEYS = List.of("channel", "status", "tag", "priority", "team", "assignee",
            "from", "after", "before", "has", "sla");

    private static final Pattern TOKEN = Pattern.compile("([A-Za-z]+):\"([^\"]*)\"|([A-Za-z]+):(\\S*)|\"[^\"]*\"?|\\S+");
    private static final int MAX_LENGTH = 500;

    public SearchQuery {
        filters = List.copyOf(filters);
    }

    /**
     * One filter.
     *
     * @param key one of {@link #KEYS}
     * @param value the value as typed
     * @param token the filter as written in the query (to remove it again)
     */
    public record Filter(String key, String value, String token) {
    }

    public static SearchQuery parse(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_LENGTH) {
            throw new InvalidInputException("the query is longer than " + MAX_LENGTH + " characters");
        }
        List<Filter> filters = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(q);
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(3);
            String value = m.group(1) != null ? m.group(2) : m.group(4);
            if (key == null || value.startsWith("//")) {
                words.add(m.group());
                continue;
            }
            String k = key.toLowerCase(Locale.ROOT);
            if (!KEYS.contains(k)) {
                throw new InvalidInputException("unknown filter '" + key + ":' (filters: "
                        + String.join(", ", KEYS.stream().map(x -> x + ":").toList())
                        + "; put it in quotes to search for the text)");
            }
            if (value.isBlank()) {
                throw new InvalidInputException("the filter '" + k + ":' needs a value, e.g. " + example(k));
            }
            Filter filter = new Filter(k, value.strip(), m.group());
            validate(filter);
            filters.add(filter);
        }
        String text = String.join(" ", words);
        if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new InvalidInputException("a quotation mark is not closed");
        }
        return new SearchQuery(text, filters);
    }

    public boolean isEmpty() {
        return text.isBlank() && filters.isEmpty();
    }

    /** The values of every filter with this key. */
    public List<String> values(String key) {
        return filters.stream().filter(f -> f.key().equals(key)).map(Filter::value).toList();
    }

    static Channel channel(String value) {
        return parseEnum(Channel.class, value, "channel");
    }

    static ConversationStatus status(String value) {
        return parseEnum(ConversationStatus.class, value, "status");
    }

    static Priority priority(String value) {
        return parseEnum(Priority.class, value, "priority");
    }

    /** after:/before: a day (taken in UTC) or an ISO-8601 instant. */
    static Instant instant(String key, String value) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADay) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                throw new InvalidInputException("'" + key + ":" + value + "' is not a date: write " + key
                        + ":2026-11-01 or an ISO-8601 instant such as " + key + ":2026-11-01T09:00:00Z");
            }
        }
    }

    private static void validate(Filter filter) {
        String v = filter.value();
        switch (filter.key()) {
            case "channel" -> channel(v);
            case "status" -> status(v);
            case "priority" -> priority(v);
            case "after", "before" -> instant(filter.key(), v);
            case "has" -> {
                if (!v.equalsIgnoreCase("attachment")) {
                    throw new InvalidInputException("'has:" + v + "' is not known: has:attachment");
                }
            }
            case "sla" -> {
                if (!v.equalsIgnoreCase("breached")) {
                    throw new InvalidInputException("'sla:" + v + "' is not known: sla:breached");
                }
            }
            default -> {
            }
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + key + ":" + value + "' is not known; " + key + " is one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
        }
    }

    private static String example(String key) {
        return switch (key) {
            case "channel" -> "channel:email";
            case "status" -> "status:open";
            case "tag" -> "tag:vip";
            case "priority" -> "priority:urgent";
            case "team" -> "team:billing";
            case "assignee" -> "assignee:me";
            case "from" -> "from:jane@example.com";
            case "after" -> "after:2026-11-01";
            case "before" -> "before:2026-12-01";
            case "has" -> "has:attachment";
            default -> "sla:breached";
        };
    }
}
