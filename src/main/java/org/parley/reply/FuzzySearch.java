package org.parley.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The picker's search over title, shortcut and body: every word of the query has to match one of
 * them, as a substring or as a subsequence of letters (so {@code rfnd} finds {@code refund}); a
 * shortcut match counts most, then the title, then the body; closer matches rank higher.
 */
public final class FuzzySearch {

    private FuzzySearch() {
    }

    public static List<CannedResponseView> search(List<CannedResponseView> responses, String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return responses.stream()
                    .sorted(Comparator.comparingLong(CannedResponseView::timesUsed).reversed()
                            .thenComparing(CannedResponseView::title, String.CASE_INSENSITIVE_ORDER))
                    .limit(limit).toList();
        }
        String[] words = q.split("\\s+");
        record Scored(CannedResponseView response, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (CannedResponseView r : responses) {
            int total = 0;
            for (String word : words) {
                int s = Math.max(3 * score(word, r.shortcut()),
                        Math.max(2 * score(word, r.title()), score(word, r.body())));
                if (s == 0) {
                    total = 0;
                    break;
                }
                total += s;
            }
            if (total > 0) {
                scored.add(new Scored(r, total));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparingInt(Scored::score).reversed()
                        .thenComparing(s -> s.response().title(), String.CASE_INSENSITIVE_ORDER))
                .limit(limit).map(Scored::response).toList();
    }

    /** 0 = no match; a substring scores 100 (more at the start), a subsequence less the more it is spread out. */
    static int score(String word, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int at = t.indexOf(word);
        if (at == 0) {
            return 120;
        }
        if (at > 0) {
            return 100 - Math.min(20, at / 10);
        }
        if (word.length() < 2) {
            return 0;
        }
        // subsequence: every letter of the word in order; a gap costs one point
        int pos = -1;
        int first = -1;
        for (char c : word.toCharArray()) {
            pos = t.indexOf(c, pos + 1);
            if (pos < 0) {
                return 0;
            }
            if (first < 0) {
                first = pos;
            }
        }
        int spread = pos - first + 1 - word.length();
        return Math.max(1, 60 - 2 * spread);
    }
}
