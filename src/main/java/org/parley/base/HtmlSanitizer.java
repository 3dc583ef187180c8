package org.parley.base;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Makes HTML from outside (email bodies above all) safe to render: no scripts, no event handlers,
 * no {@code javascript:} links, no styles or forms; links open in a new tab without referrer.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("img")
            .addAttributes("a", "target", "rel")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank")
            .preserveRelativeLinks(false);

    private HtmlSanitizer() {
    }

    /** The sanitised body, or null when nothing visible is left. */
    public static String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
        String clean = Jsoup.clean(html, "", SAFELIST, settings);
        return clean.isBlank() ? null : clean;
    }

    /**
     * The sanitised body within {@code maxLength} characters, or null when nothing visible is left. Sanitising
     * can make HTML longer (every unclosed tag gets closed), so a body that fits before may not fit after: the
     * input is shortened until the clean result fits.
     */
    public static String sanitize(String html, int maxLength) {
        String clean = sanitize(html);
        String input = html;
        while (clean != null && clean.length() > maxLength) {
            input = input.substring(0, (int) (input.length() * (maxLength / (double) clean.length()) * 0.9));
            clean = sanitize(input);
        }
        return clean;
    }

    /** Visible text of an HTML body, for snippets and for messages that come without a text part. */
    public static String toText(String html) {
        return html == null ? null : Jsoup.parse(html).wholeText().strip();
    }
}
