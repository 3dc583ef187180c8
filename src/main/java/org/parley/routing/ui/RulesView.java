package org.parley.routing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H3;
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

/**
 * The ordered routing rules for leads and admins: enable, reorder, edit in a form (conditions and actions as
 * pickers, with the text syntax beside them for import and export), save-time validation, dry run.
 */
@Route("admin/routing")
@Menu(title = "Routing rules", order = 70, icon = "vaadin:split")
@PageTitle("Routing rules · Parley")
@RolesAllowed({"LEAD", "ADMIN"})
@StyleSheet("styles/setup-forms.css")
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
        addClassName("rules-view");
        Button create = new Button("New rule", VaadinIcon.PLUS.create(), e -> edit(null));
        create.setId("new-rule-button");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div head = new Div(new H2("Routing rules"), create);
        head.addClassName("toolbar");

        grid.setId("rule-list");
        // long names and conditions wrap instead of ending in "…"
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(RuleView::position).setHeader("#").setKey("position").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RuleView::name).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(r -> RuleWords.trigger(r.trigger())).setHeader("When").setKey("trigger").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(r -> {
            com.vaadin.flow.component.html.Span summary = new com.vaadin.flow.component.html.Span(
                    RuleWords.summary(r, this::nameOf));
            summary.addClassName("rule-summary");
            return summary;
        }).setHeader("What it does").setKey("summary").setFlexGrow(4);
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
        }).setHeader("Enabled").setKey("enabled").setAutoWidth(true).setFlexGrow(0);
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
        }).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
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

    /** The name of a team, agent, SLA policy or calendar, by id (the id itself if none is known). */
    private String nameOf(String id) {
        String name = teamName(id);
        if (name.equals(id)) {
            name = agentDisplayName(id);
        }
        if (name.equals(id)) {
            name = policyName(id);
        }
        if (name.equals(id)) {
            name = calendarName(id);
        }
        return name;
    }

    private String agentDisplayName(String id) {
        try {
            return team.findAgent(UUID.fromString(id)).map(Agent::getDisplayName).orElse(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private String calendarName(String id) {
        return sla.calendars().stream().filter(c -> c.id().toString().equals(id)).map(c -> c.name()).findFirst()
                .orElse(id);
    }

    private String calendarId(String nameOrId) {
        return sla.calendars().stream().filter(c -> c.name().equalsIgnoreCase(nameOrId)).map(c -> c.id().toString())
                .findFirst().orElse(nameOrId);
    }

    private RuleForm.Choices choices() {
        java.util.Map<String, String> teams = new java.util.LinkedHashMap<>();
        team.allTeams().stream().sorted(java.util.Comparator.comparing(Team::getName))
                .forEach(t -> teams.put(t.getId().toString(), t.getName()));
        java.util.Map<String, String> agents = new java.util.LinkedHashMap<>();
        team.activeAgents().stream().sorted(java.util.Comparator.comparing(Agent::getDisplayName))
                .forEach(a -> agents.put(a.getId().toString(), a.getDisplayName()));
        java.util.Map<String, String> policies = new java.util.LinkedHashMap<>();
        sla.policies().forEach(p -> policies.put(p.id().toString(), p.name()));
        java.util.Map<String, String> calendars = new java.util.LinkedHashMap<>();
        sla.calendars().forEach(c -> calendars.put(c.id().toString(), c.name()));
        return new RuleForm.Choices(teams, agents, policies, calendars);
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
        final RuleForm.Conditions conditionForm;
        final RuleForm.Actions actionForm;
        final TextArea conditions = new TextArea("Conditions as text (one per line: FIELD OPERATOR value)");
        final TextArea actions = new TextArea("Actions as text (one per line: TYPE value)");
        final Paragraph error = new Paragraph();
        final Grid<DryRun.Hit> hits = new Grid<>();
        final Paragraph dryRunSummary = new Paragraph();
        private final RuleView existing;
        /** Whether the text was edited after the form (then Save and Dry run read the text). */
        private boolean conditionsFromText;
        private boolean actionsFromText;
        private boolean syncing;

        RuleEditor(RuleView existing) {
            this.existing = existing;
            setHeaderTitle(existing == null ? "New rule" : "Edit rule");
            setWidth("min(980px, 96vw)");
            RuleForm.Choices choices = choices();
            conditionForm = new RuleForm.Conditions(choices);
            actionForm = new RuleForm.Actions(choices);
            name.setId("rule-name");
            name.setWidth("20em");
            trigger.setLabel("When");
            trigger.setId("rule-trigger");
            trigger.setItems(List.of(RoutingEnums.Trigger.values()).stream().map(Enum::name).toList());
            trigger.setItemLabelGenerator(RuleWords::trigger);
            trigger.setValue(RoutingEnums.Trigger.CONVERSATION_CREATED.name());
            match.setLabel("Conditions");
            match.setId("rule-match");
            match.setItems("ALL", "ANY");
            match.setItemLabelGenerator(RuleWords::match);
            match.setValue("ALL");
            conditions.setId("rule-conditions");
            conditions.setWidthFull();
            conditions.setHelperText("Fields: " + List.of(RoutingEnums.Field.values())
                    + "; CUSTOMER_ATTRIBUTE:plan EQUALS VIP; BUSINESS_HOURS OUTSIDE <calendar name>");
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
                conditionForm.setValue(existing.conditions());
                actionForm.setValue(existing.actions());
            } else {
                conditionForm.setValue(List.of(new RuleSpec.Condition(RoutingEnums.Field.SUBJECT.name(),
                        RoutingEnums.Operator.CONTAINS.name(), null)));
                actionForm.setValue(List.of(new RuleSpec.Action(RoutingEnums.ActionType.ASSIGN_TEAM.name(), null)));
            }
            conditions.setValue(conditionsText(conditionForm.value()));
            actions.setValue(actionsText(actionForm.value()));
            // form and text stay in step; the one edited last is what Save and Dry run read
            conditionForm.addChangeListener(() -> {
                conditionsFromText = false;
                syncText(conditions, conditionsText(conditionForm.value()));
            });
            actionForm.addChangeListener(() -> {
                actionsFromText = false;
                syncText(actions, actionsText(actionForm.value()));
            });
            conditions.addValueChangeListener(e -> {
                if (syncing) {
                    return;
                }
                conditionsFromText = true;
                try {
                    conditionForm.setValue(RuleText.conditions(e.getValue(), RulesView.this::calendarId));
                    conditions.setInvalid(false);
                } catch (RuntimeException unreadable) {
                    conditions.setInvalid(true);
                    conditions.setErrorMessage("The form cannot show this text: " + unreadable.getMessage());
                }
            });
            actions.addValueChangeListener(e -> {
                if (syncing) {
                    return;
                }
                actionsFromText = true;
                try {
                    actionForm.setValue(textActions());
                    actions.setInvalid(false);
                } catch (RuntimeException unreadable) {
                    actions.setInvalid(true);
                    actions.setErrorMessage("The form cannot show this text: " + unreadable.getMessage());
                }
            });
            Div top = new Div(name, trigger, match);
            top.addClassName("form-row");
            Div flags = new Div(enabled, stopAfter);
            flags.addClassName("form-row");
            H3 conditionsTitle = new H3("If");
            conditionsTitle.addClassName("form-subtitle");
            H3 actionsTitle = new H3("Then");
            actionsTitle.addClassName("form-subtitle");
            Details asText = new Details("Edit as text (import / export)", conditions, actions);
            asText.setId("rule-text");
            asText.addClassName("as-text");
            add(top, conditionsTitle, conditionForm, actionsTitle, actionForm, flags, asText, error, dryRunSummary,
                    hits);
            Button save = new Button("Save", e -> save());
            save.setId("save-rule");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button test = new Button("Dry run", e -> dryRun());
            test.setId("dry-run-button");
            getFooter().add(new Button("Cancel", e -> close()), test, save);
        }

        private void syncText(TextArea area, String text) {
            syncing = true;
            try {
                area.setValue(text);
                area.setInvalid(false);
            } finally {
                syncing = false;
            }
        }

        private String conditionsText(List<RuleSpec.Condition> list) {
            return RuleText.conditionsText(list, RulesView.this::calendarName);
        }

        private String actionsText(List<RuleSpec.Action> list) {
            return RuleText.actionsText(list, RulesView.this::teamName, RulesView.this::agentName,
                    RulesView.this::policyName);
        }

        private List<RuleSpec.Action> textActions() {
            return RuleText.actions(actions.getValue(), RulesView.this::teamId, RulesView.this::agentId,
                    RulesView.this::policyId);
        }

        RuleSpec spec() {
            return new RuleSpec(name.getValue(), enabled.getValue(), trigger.getValue(), match.getValue(),
                    stopAfter.getValue(), conditionsFromText
                            ? RuleText.conditions(conditions.getValue(), RulesView.this::calendarId)
                            : conditionForm.value(),
                    actionsFromText ? textActions() : actionForm.value());
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
