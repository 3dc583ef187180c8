package org.parley.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private final Map<String, String> values = Variables.values("Ann <b>Lee</b>", "Ann", Map.of("plan", "Gold & Co"),
            "Una Agent", "Una", null, "c-1");

    @Test
    void fillsKnownValuesAndCrmAttributes() {
        Variables.Rendering r = Variables.render("Hi {{customer.first_name}}, your {{ customer.attr.plan }} plan. "
                + "{{agent.first_name}} ({{conversation.id}})", values);
        assertThat(r.text()).isEqualTo("Hi Ann, your Gold & Co plan. Una (c-1)");
        assertThat(r.missing()).isEmpty();
        assertThat(r.complete()).isTrue();
    }

    @Test
    void aMissingValueIsReportedKeptVisibleAndHighlighted_neverASilentGap() {
        Variables.Rendering r = Variables.render("Team {{team.name}} for {{customer.attr.tier}}.", values);
        assertThat(r.missing()).containsExactly("team.name", "customer.attr.tier");
        assertThat(r.complete()).isFalse();
        assertThat(r.text()).isEqualTo("Team {{team.name}} for {{customer.attr.tier}}.");
        assertThat(r.previewHtml()).contains("<mark class=\"variable-missing\" title=\"no value\">{{team.name}}</mark>");
        assertThat(Variables.remainingIn(r.text())).containsExactly("team.name", "customer.attr.tier");
    }

    @Test
    void htmlInValuesAndTemplateIsEscapedInThePreviewButNotInTheText() {
        Variables.Rendering r = Variables.render("<i>Dear</i> {{customer.name}},\nthanks", values);
        assertThat(r.previewHtml()).isEqualTo("&lt;i&gt;Dear&lt;/i&gt; <span class=\"variable-value\">"
                + "Ann &lt;b&gt;Lee&lt;/b&gt;</span>,<br>thanks");
        assertThat(r.text()).isEqualTo("<i>Dear</i> Ann <b>Lee</b>,\nthanks");
    }

    @Test
    void unknownVariablesAreFound() {
        assertThat(Variables.unknownIn("{{customer.frist_name}} {{customer.attr.x}} {{customer.attr.}}"))
                .containsExactly("customer.frist_name", "customer.attr.");
        assertThat(Variables.isKnown("customer.attr.plan")).isTrue();
    }
}
