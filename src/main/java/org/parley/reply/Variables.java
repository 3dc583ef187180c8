package org.parley.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The variables of canned responses: {@code {{customer.first_name}}}, {@code {{customer.name}}},
 * {@code {{agent.first_name}}}, {@code {{agent.name}}}, {@code {{team.name}}},
 * {@code {{conversation.id}}} and {@code {{customer.attr.<key>}}} for any CRM attribute. Rendering
 * never drops a variable silently: one without a value stays in the text as written and is listed
 * as missing (and highlighted in the HTML preview, where every value is escaped).
 */
public final class Variables {

    public static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");
    public static final List<String> KNOWN = List.of("customer.first_name", "customer.name", "agent.first_name",
            "agent.name", "team.name", "conversation.id", "customer.attr.<key>");
    private static final Set<String> FIXED = Set.of("customer.first_name", "customer.name", "agent.first_name",
            "agent.name", "team.name", "conversation.id");
    private static final String ATTR = "customer.attr.";

    private Variables() {
    }

    /**
     * The result of filling in the variables.
     *
     * @param text the text with every known value filled in; missing variables stay as {@code {{name}}}
     * @param missing the variables that had no value, in order of appearance
     * @param previewHtml the text as escaped HTML with values marked and missing variables highlighted
     */
    public record Rendering(String text, List<String> missing, String previewHtml) {

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    public static boolean isKnown(String name) {
        return FIXED.contains(name) || (name.startsWith(ATTR) && name.length() > ATTR.length());
    }

    /** The variables a text uses that Parley does not know, e.g. a typo like {@code customer.frist_name}. */
    public static List<String> unknownIn(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text == null ? "" : text);
        while (m.find()) {
            if (!isKnown(m.group(1)) && !unknown.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** The variables still in a text (e.g. one sent from the composer), known or not. */
    public static List<String> remainingIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text == null ? "" : text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** Fills the variables from {@code values} (name → value; absent or blank = missing). */
    public static Rendering render(String template, Map<String, String> values) {
        String source = template == null ? "" : template;
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(source);
        int last = 0;
        while (m.find()) {
            String literal = source.substring(last, m.start());
            text.append(literal);
            html.append(HtmlUtils.htmlEscape(literal));
            String name = m.group(1);
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
                text.append("{{").append(name).append("}}");
                html.append("<mark class=\"variable-missing\" title=\"no value\">{{")
                        .append(HtmlUtils.htmlEscape(name)).append("}}</mark>");
            } else {
                text.append(value);
                html.append("<span class=\"variable-value\">").append(HtmlUtils.htmlEscape(value)).append("</span>");
            }
            last = m.end();
        }
        String rest = source.substring(last);
        text.append(rest);
        html.append(HtmlUtils.htmlEscape(rest));
        return new Rendering(text.toString(), List.copyOf(missing),
                html.toString().replace("\n", "<br>"));
    }

    /** The values for one customer, agent, team and conversation (each part optional). */
    public static Map<String, String> values(String customerName, String customerFirstName,
            Map<String, String> customerAttributes, String agentName, String agentFirstName, String teamName,
            String conversationId) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "customer.name", customerName);
        put(values, "customer.first_name", customerFirstName);
        put(values, "agent.name", agentName);
        put(values, "agent.first_name", agentFirstName);
        put(values, "team.name", teamName);
        put(values, "conversation.id", conversationId);
        Optional.ofNullable(customerAttributes).ifPresent(a -> a.forEach((k, v) -> put(values, ATTR + k, v)));
        return values;
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }
}
