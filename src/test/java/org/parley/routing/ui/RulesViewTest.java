package org.parley.routing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.routing.DryRun;
import org.parley.routing.RoutingRules;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class RulesViewTest extends UiTest {

    @Autowired
    RoutingRules rules;

    @AfterEach
    void removeRules() {
        rules.list().forEach(r -> rules.delete(r.id()));
    }

    @Test
    void aRuleIsValidatedAtSaveDryRunShowsWhatItWouldDoAndSavedRulesAreListed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String teamName = "Billing " + run;
        team.createTeam(teamName, null);
        ingestion.ingest(new InboundMessage(Channel.EMAIL, "ui-" + run, new InboundMessage.Sender(Channel.EMAIL,
                "ui." + run + "@example.com", "Una"), "refund " + run, "money back", null, null, List.of(), null,
                Instant.now()));

        navigate(RulesView.class);
        test($(Button.class).id("new-rule-button")).click();
        test($(TextField.class).id("rule-name")).setValue("Refunds " + run);
        test($(TextArea.class).id("rule-conditions")).setValue("SUBJECT MATCHES refund (" + run);
        test($(TextArea.class).id("rule-actions")).setValue("SET_PRIORITY HIGH\nASSIGN_TEAM " + teamName);
        test($(Button.class).id("save-rule")).click();
        assertThat($(Paragraph.class).id("rule-error").getText()).contains("invalid regular expression");
        assertThat(rules.list()).isEmpty();

        test($(TextArea.class).id("rule-conditions")).setValue("SUBJECT CONTAINS refund " + run);
        test($(TextArea.class).id("rule-actions")).setValue("SET_PRIORITY HIGH\nASSIGN_TEAM Nowhere " + run);
        test($(Button.class).id("save-rule")).click();
        assertThat($(Paragraph.class).id("rule-error").getText()).contains("Nowhere " + run);

        test($(TextArea.class).id("rule-actions")).setValue("SET_PRIORITY HIGH\nASSIGN_TEAM " + teamName);
        test($(Button.class).id("dry-run-button")).click();
        assertThat($(Paragraph.class).id("dry-run-summary").getText()).startsWith("1 of the last ");
        @SuppressWarnings("unchecked")
        Grid<DryRun.Hit> hits = $(Grid.class).id("dry-run-hits");
        assertThat(test(hits).size()).isEqualTo(1);
        assertThat(test(hits).getRow(0).actions()).containsExactly("set priority HIGH", "assigned team " + teamName);

        test($(Button.class).id("save-rule")).click();
        assertThat(rules.list()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Refunds " + run);
            assertThat(r.actions().get(1).value()).isEqualTo(team.allTeams().stream()
                    .filter(t -> t.getName().equals(teamName)).findFirst().orElseThrow().getId().toString());
        });
        @SuppressWarnings("unchecked")
        Grid<RoutingRules.RuleView> list = $(Grid.class).id("rule-list");
        assertThat(test(list).size()).isEqualTo(1);
        assertThat(test(list).getRow(0).name()).isEqualTo("Refunds " + run);
    }
}
