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
import org.parley.routing.RoutingEnums.ActionType;
import org.parley.routing.RoutingEnums.Field;
import org.parley.routing.RoutingEnums.Operator;
import org.parley.routing.RoutingRules;
import org.parley.routing.RuleSpec;
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

    @Test
    void aRuleMadeInTheFormRoundTripsThroughTheTextSyntax() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String billing = "Billing " + run;
        UUID billingId = team.createTeam(billing, null).getId();
        navigate(RulesView.class);
        test($(Button.class).id("new-rule-button")).click();
        RulesView.RuleEditor editor = $(RulesView.RuleEditor.class).single();
        test($(TextField.class).id("rule-name")).setValue("VIP refunds " + run);
        // friendly words, not the syntax's names
        assertThat(editor.trigger.getItemLabelGenerator().apply("CONVERSATION_CREATED")).isEqualTo("A new conversation starts");
        assertThat(editor.conditionForm.rows().getFirst().field.getItemLabelGenerator().apply(Field.CUSTOMER_ATTRIBUTE))
                .isEqualTo("Customer attribute");

        // the new rule starts with "Subject contains ..." and "Move to team ..."
        value(editor.conditionForm.rows().get(0).valueField(), "refund");
        test($(Button.class).id("add-condition")).click();
        RuleForm.ConditionRow attribute = editor.conditionForm.rows().get(1);
        test(attribute.field).selectItem("Customer attribute");
        test(attribute.key).setValue("plan");
        assertThat(attribute.operator.getValue()).as("kept where the field takes it").isEqualTo(Operator.CONTAINS);
        assertThat(attribute.operator.getItemLabelGenerator().apply(Operator.EQUALS)).isEqualTo("is");
        attribute.operator.setValue(Operator.EQUALS);
        value(attribute.valueField(), "VIP");
        test($(Button.class).id("add-condition")).click();
        RuleForm.ConditionRow channel = editor.conditionForm.rows().get(2);
        test(channel.field).selectItem("Channel");
        select(channel.valueField()).setValue("EMAIL");
        assertThat(select(channel.valueField()).getItemLabelGenerator().apply("EMAIL")).isEqualTo("Email");

        select(editor.actionForm.rows().get(0).valueField()).setValue(billingId.toString());
        test($(Button.class).id("add-action")).click();
        RuleForm.ActionRow priority = editor.actionForm.rows().get(1);
        test(priority.type).selectItem("Set priority");
        select(priority.valueField()).setValue("HIGH");
        test($(Button.class).id("add-action")).click();
        RuleForm.ActionRow strategy = editor.actionForm.rows().get(2);
        test(strategy.type).selectItem("Assign to an online agent");
        select(strategy.valueField()).setValue("ROUND_ROBIN");
        strategy.team.setValue(billingId.toString());
        test($(Button.class).id("add-action")).click();
        value(editor.actionForm.rows().get(3).valueField(), "vip");

        // the text syntax follows the form
        assertThat($(TextArea.class).id("rule-conditions").getValue())
                .isEqualTo("SUBJECT CONTAINS refund\nCUSTOMER_ATTRIBUTE:plan EQUALS VIP\nCHANNEL EQUALS EMAIL");
        assertThat($(TextArea.class).id("rule-actions").getValue()).isEqualTo("ASSIGN_TEAM " + billing
                + "\nSET_PRIORITY HIGH\nASSIGN_BY_STRATEGY ROUND_ROBIN " + billing + "\nADD_TAG vip");
        test($(Button.class).id("save-rule")).click();
        assertThat($(RulesView.RuleEditor.class).all()).as("saved and closed").isEmpty();

        RoutingRules.RuleView saved = rules.list().stream().filter(r -> r.name().equals("VIP refunds " + run))
                .findFirst().orElseThrow();
        assertThat(saved.conditions()).containsExactly(new RuleSpec.Condition("SUBJECT", "CONTAINS", "refund", null),
                new RuleSpec.Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "VIP", "plan"),
                new RuleSpec.Condition("CHANNEL", "EQUALS", "EMAIL", null));
        assertThat(saved.actions()).containsExactly(new RuleSpec.Action("ASSIGN_TEAM", billingId.toString(), null),
                new RuleSpec.Action("SET_PRIORITY", "HIGH", null),
                new RuleSpec.Action("ASSIGN_BY_STRATEGY", "ROUND_ROBIN", billingId),
                new RuleSpec.Action("ADD_TAG", "vip", null));
        @SuppressWarnings("unchecked")
        Grid<RoutingRules.RuleView> list = $(Grid.class).id("rule-list");
        assertThat(test(list).getCellText(0, 2)).isEqualTo("A new conversation starts");

        // opened again: the same rows; text pasted in (an export) becomes rows of the form, and is saved
        RulesView view = (RulesView) getCurrentView();
        RulesView.RuleEditor again = view.edit(saved);
        roundTrip();
        assertThat(again.conditionForm.rows()).hasSize(3);
        assertThat(again.actionForm.rows().get(2).team.getValue()).isEqualTo(billingId.toString());
        test(again.actions).setValue("SET_PRIORITY URGENT\nREMOVE_TAG spam");
        assertThat(again.actionForm.rows()).hasSize(2);
        assertThat(again.actionForm.rows().get(0).type.getValue()).isEqualTo(ActionType.SET_PRIORITY);
        assertThat(select(again.actionForm.rows().get(0).valueField()).getValue()).isEqualTo("URGENT");
        test(again.conditions).setValue("SUBJECT CONTAINS refund");
        again.save();
        assertThat(rules.get(saved.id()).actions()).containsExactly(new RuleSpec.Action("SET_PRIORITY", "URGENT", null),
                new RuleSpec.Action("REMOVE_TAG", "spam", null));
        assertThat(rules.get(saved.id()).conditions()).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static com.vaadin.flow.component.select.Select<String> select(com.vaadin.flow.component.HasValue<?, String> field) {
        return (com.vaadin.flow.component.select.Select<String>) field;
    }

    private void value(com.vaadin.flow.component.HasValue<?, String> field, String value) {
        test((TextField) field).setValue(value);
    }
}
