package org.parley.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.parley.base.InvalidInputException;
import org.parley.base.ui.Notifications;
import org.parley.routing.DryRun;
import org.parley.routing.RoutingEnums;
import org.parley.routing.RoutingRules;
import org.parley.routing.RoutingRules.RuleView;
import org.parley.routing.RuleSpec;
import org.parley.sla.SlaAdministration;
import org.parley.team.Agent;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;

/** The ordered routing rules for leads and admins: enable, reorder, edit with save-time validation, dry run. */
@Route("admin/routing")
@Menu(title = "Routing rules", order = 70, icon = "vaadin:split")
@PageTitle("Routing rules · Parley")
@RolesAllowed({"LEAD", "ADMIN"})
public class RulesView extends Div {

    private final transient RoutingRules rules;
    private final transient DryRun dryRun;
    private final transient TeamDirectory team;
    private final transient SlaAdministration sla;
    private final Grid<RuleView> grid = new Grid<>();

    public RulesView(RoutingRules rules, DryRun dryRun, TeamDirectory team, SlaAdministration sla) {
        this.rules = rules;
        this.dryRun = dryRun;
        this.team = team;
        this.sla = sla;
        setSizeFull();
        Button create = new Button("New rule", VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("new-rule-button");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div head = new Div(new H2("Routing rules"), create);
        head.addClassName("toolbar");

        grid.setId("rule-list");
        grid.addColumn(RuleView::position).setHeader("#").setKey("position").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RuleView::name).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(RuleView::trigger).setHeader("Trigger").setKey("trigger");
        grid.addColumn(r -> r.conditions().size() + " conditions (" + r.match() + "), " + r.actions().size()
                + " actions" + (r.stopAfter() ? ", stop" : "")).setHeader("Summary").setKey("summary").setFlexGrow(2);
        grid.addComponentColumn(r -> {
            Checkbox on = new Checkbox(r.enabled());
            on.setAriaLabel("enabled");
            on.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    rules.setEnabled(r.id(), e.getValue());
                    refresh();
                }
            });
            return on;
        }).setHeader("Enabled").setKey("enabled");
        grid.addComponentColumn(r -> {
            Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> move(r, -1));
            up.setAriaLabel("move up");
            Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> move(r, 1));
            down.setAriaLabel("move down");
            Button editButton = new Button("Edit", e -> edit(r));
            Button delete = new Button("Delete", e -> {
                rules.delete(r.id());
                refresh();
            });
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return new Div(up, down, editButton, delete);
        }).setHeader("").setKey("actions").setFlexGrow(2);
        add(head, grid);
        refresh();
    }

    void refresh() {
        grid.setItems(rules.list());
    }

    void move(RuleView rule, int by) {
        List<UUID> ids = new ArrayList<>(rules.list().stream().map(RuleView::id).toList());
        int i = ids.indexOf(rule.id());
        int j = i + by;
        if (i < 0 || j < 0 || j >= ids.size()) {
            return;
        }
        ids.set(i, ids.get(j));
        ids.set(j, rule.id());
        rules.reorder(ids);
        refresh();
    }

    /** The editor: a dialog with the rule's fields; conditions and actions one per line. */
    RuleEditor edit(RuleView existing) {
        RuleEditor editor = new RuleEditor(existing);
        editor.open();
        return editor;
    }

    private String teamId(String nameOrId) {
        return team.allTeams().stream().filter(t -> t.getName().equalsIgnoreCase(nameOrId)).map(t -> t.getId().toString())
                .findFirst().orElse(nameOrId);
    }

    private String agentId(String nameOrId) {
        return team.allAgents().stream().filter(a -> a.getUsername().equalsIgnoreCase(nameOrId)
                || a.getDisplayName().equalsIgnoreCase(nameOrId)).map(a -> a.getId().toString()).findFirst().orElse(nameOrId);
    }

    private String policyId(String nameOrId) {
        return sla.policies().stream().filter(p -> p.name().equalsIgnoreCase(nameOrId)).map(p -> p.id().toString())
                .findFirst().orElse(nameOrId);
    }

    private String teamName(String id) {
        try {
            return team.findTeam(UUID.fromString(id)).map(Team::getName).orElse(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private String agentName(String id) {
        try {
            return team.findAgent(UUID.fromString(id)).map(Agent::getUsername).orElse(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private String policyName(String id) {
        try {
            return sla.policyName(UUID.fromString(id)).orElse(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    /** The rule dialog; package-visible for the browserless tests. */
    class RuleEditor extends Dialog {

        final TextField name = new TextField("Name");
        final Select<String> trigger = new Select<>();
        final Select<String> match = new Select<>();
        final Checkbox enabled = new Checkbox("Enabled", true);
        final Checkbox stopAfter = new Checkbox("Stop after this rule");
        final TextArea conditions = new TextArea("Conditions (one per line: FIELD OPERATOR value)");
        final TextArea actions = new TextArea("Actions (one per line: TYPE value)");
        final Paragraph error = new Paragraph();
        final Grid<DryRun.Hit> hits = new Grid<>();
        final Paragraph dryRunSummary = new Paragraph();
        private final RuleView existing;

        RuleEditor(RuleView existing) {
            this.existing = existing;
            setHeaderTitle(existing == null ? "New rule" : "Edit rule");
            setWidth("900px");
            name.setId("rule-name");
            trigger.setLabel("Trigger");
            trigger.setItems(List.of(RoutingEnums.Trigger.values()).stream().map(Enum::name).toList());
            trigger.setValue(RoutingEnums.Trigger.CONVERSATION_CREATED.name());
            match.setLabel("Match");
            match.setItems("ALL", "ANY");
            match.setValue("ALL");
            conditions.setId("rule-conditions");
            conditions.setWidthFull();
            conditions.setHelperText("Fields: " + List.of(RoutingEnums.Field.values()) + "; CUSTOMER_ATTRIBUTE:plan EQUALS VIP");
            actions.setId("rule-actions");
            actions.setWidthFull();
            actions.setHelperText("Types: " + List.of(RoutingEnums.ActionType.values())
                    + "; teams, agents and policies by name");
            error.setId("rule-error");
            error.addClassName("error-text");
            hits.setId("dry-run-hits");
            hits.addColumn(DryRun.Hit::subject).setHeader("Conversation").setKey("subject");
            hits.addColumn(DryRun.Hit::customerName).setHeader("Customer").setKey("customer");
            hits.addColumn(h -> String.join(", ", h.actions())).setHeader("Would do").setKey("would");
            hits.setVisible(false);
            hits.setHeight("240px");
            dryRunSummary.setId("dry-run-summary");
            if (existing != null) {
                name.setValue(existing.name());
                trigger.setValue(existing.trigger());
                match.setValue(existing.match());
                enabled.setValue(existing.enabled());
                stopAfter.setValue(existing.stopAfter());
                conditions.setValue(RuleText.conditionsText(existing.conditions()));
                actions.setValue(RuleText.actionsText(existing.actions(), RulesView.this::teamName,
                        RulesView.this::agentName, RulesView.this::policyName));
            }
            add(new Div(name, trigger, match, enabled, stopAfter), conditions, actions, error, dryRunSummary, hits);
            Button save = new Button("Save", e -> save());
            save.setId("save-rule");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button test = new Button("Dry run", e -> dryRun());
            test.setId("dry-run-button");
            getFooter().add(new Button("Cancel", e -> close()), test, save);
        }

        RuleSpec spec() {
            return new RuleSpec(name.getValue(), enabled.getValue(), trigger.getValue(), match.getValue(),
                    stopAfter.getValue(), RuleText.conditions(conditions.getValue()),
                    RuleText.actions(actions.getValue(), RulesView.this::teamId, RulesView.this::agentId,
                            RulesView.this::policyId));
        }

        void save() {
            try {
                if (existing == null) {
                    rules.create(spec());
                } else {
                    rules.update(existing.id(), spec());
                }
                Notifications.success("Rule saved");
                close();
                refresh();
            } catch (InvalidInputException e) {
                error.setText(e.getMessage());
            }
        }

        void dryRun() {
            try {
                DryRun.Result result = dryRun.run(spec());
                error.setText("");
                dryRunSummary.setText(result.matches().size() + " of the last " + result.examined()
                        + " conversations would match");
                hits.setItems(result.matches());
                hits.setVisible(true);
            } catch (InvalidInputException e) {
                error.setText(e.getMessage());
            }
        }
    }
}
