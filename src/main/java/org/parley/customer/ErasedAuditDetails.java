package org.parley.customer;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an erasure rewrites the audit details that name the person (the entries stay, the data goes): the
 * customer's own entries by the shape this module wrote them in, everything else by removing the values it
 * knew of the person (names, identities, attributes) wherever they appear.
 */
final class ErasedAuditDetails implements BinaryOperator<String> {

    static final String ERASED = "[erased]";
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** "merged <id> (<name>) into <id> (<name>)", "split <id> (<name>) from <id> (<name>)": ids stay. */
    private static final Pattern MERGE = Pattern.compile("^(merged|split) (" + UUID + ") \\(.*\\) (into|from) (" + UUID
            + ") \\(.*\\)$", Pattern.DOTALL);

    private final List<String> known;

    /** @param known what the person was known by (names, identity values, attribute values, notes) */
    ErasedAuditDetails(Set<String> known) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : known) {
            if (v != null && v.strip().length() >= 3) { // shorter values would erase unrelated text
                values.add(v.strip());
            }
        }
        // longest first, so that "Erin Erasable" goes before a shorter value that is part of it
        this.known = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public String apply(String action, String details) {
        return switch (action) {
            case "customer.created", "customer.updated" -> ERASED; // the details are the name
            case "customer.attribute" -> details.contains("=")
                    ? details.substring(0, details.indexOf('=') + 1) + ERASED : ERASED;
            case "customer.identity.added", "customer.identity.removed" -> details.contains(":")
                    ? details.substring(0, details.indexOf(':') + 1) + ERASED : ERASED;
            case "customer.merged", "customer.unmerged" -> merge(details);
            default -> scrub(details);
        };
    }

    private String merge(String details) {
        Matcher m = MERGE.matcher(details);
        return m.matches() ? m.group(1) + " " + m.group(2) + " (" + ERASED + ") " + m.group(3) + " " + m.group(4) + " ("
                + ERASED + ")" : scrub(details);
    }

    /** Every known value, in any letter case, replaced by the tombstone. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : known) {
            result = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(result).replaceAll(Matcher.quoteReplacement(ERASED));
        }
        return result;
    }
}
