package org.parley.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FuzzySearchTest {

    private static CannedResponseView response(String title, String shortcut, String body, long used) {
        return new CannedResponseView(UUID.randomUUID(), title, shortcut, body, null, null, List.of(),
                ResponseScope.GLOBAL, null, null, Macro.NONE, used, null, null);
    }

    private final CannedResponseView refund = response("Refund issued", "refund", "We have refunded your order.", 1);
    private final CannedResponseView shipping = response("Shipping times", "ship", "Parcels arrive in 3 days.", 5);
    private final CannedResponseView password = response("Reset password", "pw", "Use the reset link to get a refund? no.", 2);
    private final List<CannedResponseView> all = List.of(refund, shipping, password);

    @Test
    void emptyQueryListsMostUsedFirst() {
        assertThat(FuzzySearch.search(all, "", 10)).containsExactly(shipping, password, refund);
    }

    @Test
    void shortcutBeatsTitleBeatsBody() {
        assertThat(FuzzySearch.search(all, "refund", 10)).containsExactly(refund, password);
    }

    @Test
    void lettersInOrderMatchAndTyposOfOrderDoNot() {
        assertThat(FuzzySearch.search(all, "rfnd", 10)).first().isEqualTo(refund);
        assertThat(FuzzySearch.search(all, "shp tim", 10)).containsExactly(shipping);
        assertThat(FuzzySearch.search(all, "xyzzy", 10)).isEmpty();
    }

    @Test
    void everyWordMustMatch() {
        assertThat(FuzzySearch.search(all, "parcels days", 10)).containsExactly(shipping);
        assertThat(FuzzySearch.search(all, "parcels password", 10)).isEmpty();
    }
}
