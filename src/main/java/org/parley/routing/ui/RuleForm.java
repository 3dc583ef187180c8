package org.parley.routing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.conversation.Priority;
import org.parley.routing.RoutingEnums.ActionType;
import org.parley.routing.RoutingEnums.Field;
import org.parley.routing.RoutingEnums.Operator;
import org.parley.routing.RoutingEnums.Strategy;
import org.parley.routing.RuleCompiler;
import org.parley.routing.RuleSpec;

/**
 * A rule's conditions and actions as pickers: a row per condition (field, operator, value; the value is a
 * list where the field has one, e.g. channels, priorities, calendars) and a row per action (what to do and
 * whom to: teams, agents, SLA policies by name). Ids: {@code condition-<n>-field|key|operator|value|remove},
 * {@code action-<n>-type|value|team|remove}, {@code add-condition}, {@code add-action}.
 */
final class RuleForm {

    /** Names to offer in the pickers, by id (teams, active agents, SLA policies, calendars). */
    record Choices(Map<String, String> teams, Map<String, String> agents, Map<String, String> policies,
            Map<String, String> calendars) {
    }

    private RuleForm() {
    }

    /** The list of condition rows with an "Add condition" button. */
    static final class Conditions extends Div {
        private final Choices choices;
        private final List<ConditionRow> rows = new ArrayList<>();
        private final Div list = new Div();
        private final Button add = new Button("Add condition", VaadinIcon.PLUS.create());
        private final List<Runnable> listeners = new ArrayList<>();
        private boolean quiet;

        Conditions(Choices choices) {
            this.choices = choices;
            addClassName("rule-conditions-form");
            list.addClassName("rule-rows");
            add.setId("add-condition");
            add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            add.addClickListener(e -> {
                rows.add(new ConditionRow(this, new RuleSpec.Condition(Field.SUBJECT.name(), Operator.CONTAINS.name(),
                        null)));
                render();
                changed();
            });
            add(list, add);
            render();
        }

        List<RuleSpec.Condition> value() {
            return rows.stream().map(ConditionRow::condition).toList();
        }

        /** Shows these conditions; throws IllegalArgumentException for one the pickers cannot show. */
        void setValue(List<RuleSpec.Condition> conditions) {
            quiet = true;
            try {
                List<ConditionRow> fresh = new ArrayList<>();
                for (RuleSpec.Condition c : conditions) {
                    fresh.add(new ConditionRow(this, c));
                }
                rows.clear();
                rows.addAll(fresh);
                render();
            } finally {
                quiet = false;
            }
        }

        List<ConditionRow> rows() {
            return rows;
        }

        void addChangeListener(Runnable listener) {
            listeners.add(listener);
        }

        void changed() {
            if (!quiet) {
                listeners.forEach(Runnable::run);
            }
        }

        void remove(ConditionRow row) {
            rows.remove(row);
            render();
            changed();
        }

        private void render() {
            list.removeAll();
            if (rows.isEmpty()) {
                Span none = new Span("No conditions: the rule applies to every conversation.");
                none.addClassName("muted");
                list.add(none);
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).ids(i);
                list.add(rows.get(i));
            }
        }
    }

    /** One condition: field, (attribute name), operator, value. */
    static final class ConditionRow extends Div {
        final ComboBox<Field> field = new ComboBox<>();
        final TextField key = new TextField();
        final Select<Operator> operator = new Select<>();
        final Div valueHolder = new Div();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        private final Conditions owner;
        private HasValue<?, String> value;

        ConditionRow(Conditions owner, RuleSpec.Condition c) {
            this.owner = owner;
            addClassName("rule-row");
            Field f = parse(Field.class, c.field());
            Operator op = parse(Operator.class, c.operator());
            if (f == null || op == null || !RuleCompiler.operatorsFor(f).contains(op)) {
                throw new IllegalArgumentException("the form cannot show condition " + c);
            }
            field.setItems(RuleWords.fields());
            field.setItemLabelGenerator(RuleWords::field);
            field.setAriaLabel("Field");
            field.setWidth("13em");
            field.setValue(f);
            key.setPlaceholder("attribute, e.g. plan");
            key.setAriaLabel("Attribute");
            key.setWidth("9em");
            key.setValue(c.key() == null ? "" : c.key());
            key.setVisible(f == Field.CUSTOMER_ATTRIBUTE);
            operator.setAriaLabel("Operator");
            operator.setWidth("15em");
            operators(f);
            operator.setValue(op);
            valueFor(f, c.value());
            valueHolder.setVisible(op != Operator.EXISTS);
            valueHolder.addClassName("rule-value");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
            remove.setAriaLabel("Remove condition");
            remove.setTooltipText("Remove this condition");
            remove.addClickListener(e -> owner.remove(this));
            field.addValueChangeListener(e -> {
                if (e.getValue() == null) {
                    return;
                }
                Operator before = operator.getValue();
                operators(e.getValue());
                Set<Operator> allowed = RuleCompiler.operatorsFor(e.getValue());
                operator.setValue(allowed.contains(before) ? before : firstOperator(e.getValue()));
                key.setVisible(e.getValue() == Field.CUSTOMER_ATTRIBUTE);
                valueFor(e.getValue(), null);
                owner.changed();
            });
            operator.addValueChangeListener(e -> {
                valueHolder.setVisible(e.getValue() != Operator.EXISTS);
                owner.changed();
            });
            key.addValueChangeListener(e -> owner.changed());
            add(field, key, operator, valueHolder, remove);
        }

        RuleSpec.Condition condition() {
            Field f = field.getValue();
            Operator op = operator.getValue();
            String v = op == Operator.EXISTS || value == null ? null : value.getValue();
            return new RuleSpec.Condition(f == null ? null : f.name(), op == null ? null : op.name(),
                    v == null || v.isBlank() ? null : v.strip(),
                    f == Field.CUSTOMER_ATTRIBUTE && !key.getValue().isBlank() ? key.getValue().strip() : null);
        }

        HasValue<?, String> valueField() {
            return value;
        }

        void ids(int i) {
            field.setId("condition-" + i + "-field");
            key.setId("condition-" + i + "-key");
            operator.setId("condition-" + i + "-operator");
            ((Component) value).setId("condition-" + i + "-value");
            remove.setId("condition-" + i + "-remove");
        }

        private void operators(Field f) {
            List<Operator> ops = Arrays.stream(Operator.values()).filter(RuleCompiler.operatorsFor(f)::contains).toList();
            operator.setItems(ops);
            operator.setItemLabelGenerator(op -> RuleWords.operator(f, op));
        }

        private static Operator firstOperator(Field f) {
            return Arrays.stream(Operator.values()).filter(RuleCompiler.operatorsFor(f)::contains).findFirst()
                    .orElseThrow();
        }

        private void valueFor(Field f, String current) {
            Choices choices = owner.choices;
            HasValue<?, String> next = switch (f) {
                case CHANNEL -> select(names(Arrays.stream(Channel.values()).map(Enum::name).toList(),
                        RuleWords::channel), current, "Channel");
                case PRIORITY -> select(names(Arrays.stream(Priority.values()).map(Enum::name).toList(),
                        RuleWords::priority), current, "Priority");
                case MESSAGE -> select(names(List.of("FIRST", "REPLY"), RuleWords::message), current, "Message");
                case CSAT_SCORE -> select(names(List.of("1", "2", "3", "4", "5"), s -> s), current, "Score");
                case BUSINESS_HOURS -> select(choices.calendars(), current, "Calendar");
                default -> {
                    TextField text = new TextField();
                    text.setAriaLabel("Value");
                    text.setPlaceholder(f == Field.SENDER_DOMAIN ? "example.com" : f == Field.TAG ? "tag" : "text");
                    text.setWidth("14em");
                    text.setValue(current == null ? "" : current);
                    yield text;
                }
            };
            next.addValueChangeListener(e -> owner.changed());
            String id = value == null ? null : ((Component) value).getId().orElse(null);
            value = next;
            valueHolder.removeAll();
            valueHolder.add((Component) next);
            if (id != null) {
                ((Component) next).setId(id);
            }
        }
    }

    /** The list of action rows with an "Add action" button. */
    static final class Actions extends Div {
        private final Choices choices;
        private final List<ActionRow> rows = new ArrayList<>();
        private final Div list = new Div();
        private final Button add = new Button("Add action", VaadinIcon.PLUS.create());
        private final List<Runnable> listeners = new ArrayList<>();
        private boolean quiet;

        Actions(Choices choices) {
            this.choices = choices;
            addClassName("rule-actions-form");
            list.addClassName("rule-rows");
            add.setId("add-action");
            add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            add.addClickListener(e -> {
                rows.add(new ActionRow(this, new RuleSpec.Action(ActionType.ADD_TAG.name(), null)));
                render();
                changed();
            });
            add(list, add);
            render();
        }

        List<RuleSpec.Action> value() {
            return rows.stream().map(ActionRow::action).toList();
        }

        void setValue(List<RuleSpec.Action> actions) {
            quiet = true;
            try {
                List<ActionRow> fresh = new ArrayList<>();
                for (RuleSpec.Action a : actions) {
                    fresh.add(new ActionRow(this, a));
                }
                rows.clear();
                rows.addAll(fresh);
                render();
            } finally {
                quiet = false;
            }
        }

        List<ActionRow> rows() {
            return rows;
        }

        void addChangeListener(Runnable listener) {
            listeners.add(listener);
        }

        void changed() {
            if (!quiet) {
                listeners.forEach(Runnable::run);
            }
        }

        void remove(ActionRow row) {
            rows.remove(row);
            render();
            changed();
        }

        private void render() {
            list.removeAll();
            if (rows.isEmpty()) {
                Span none = new Span("No actions yet: a rule needs at least one.");
                none.addClassName("muted");
                list.add(none);
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).ids(i);
                list.add(rows.get(i));
            }
        }
    }

    /** One action: what to do, and to whom or what. */
    static final class ActionRow extends Div {
        final ComboBox<ActionType> type = new ComboBox<>();
        final Div valueHolder = new Div();
        final Select<String> team = new Select<>();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        private final Actions owner;
        private HasValue<?, String> value;

        ActionRow(Actions owner, RuleSpec.Action a) {
            this.owner = owner;
            addClassName("rule-row");
            ActionType t = parse(ActionType.class, a.type());
            if (t == null) {
                throw new IllegalArgumentException("the form cannot show action " + a);
            }
            type.setItems(ActionType.values());
            type.setItemLabelGenerator(RuleWords::action);
            type.setAriaLabel("Action");
            type.setWidth("16em");
            type.setValue(t);
            team.setAriaLabel("Team");
            team.setItems(new ArrayList<>(owner.choices.teams().keySet()));
            team.setItemLabelGenerator(id -> id == null ? "in the conversation's team" : owner.choices.teams().getOrDefault(id, id));
            team.setEmptySelectionAllowed(true);
            team.setEmptySelectionCaption("in the conversation's team");
            team.setWidth("14em");
            if (a.teamId() != null) {
                requireChoice(owner.choices.teams(), a.teamId().toString());
                team.setValue(a.teamId().toString());
            }
            team.setVisible(t == ActionType.ASSIGN_BY_STRATEGY);
            team.addValueChangeListener(e -> owner.changed());
            valueFor(t, a.value());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
            remove.setAriaLabel("Remove action");
            remove.setTooltipText("Remove this action");
            remove.addClickListener(e -> owner.remove(this));
            type.addValueChangeListener(e -> {
                if (e.getValue() == null) {
                    return;
                }
                team.setVisible(e.getValue() == ActionType.ASSIGN_BY_STRATEGY);
                valueFor(e.getValue(), null);
                owner.changed();
            });
            add(type, valueHolder, team, remove);
        }

        RuleSpec.Action action() {
            ActionType t = type.getValue();
            String v = value == null ? null : value.getValue();
            UUID teamId = t == ActionType.ASSIGN_BY_STRATEGY && team.getValue() != null && !team.getValue().isBlank()
                    ? UUID.fromString(team.getValue()) : null;
            return new RuleSpec.Action(t == null ? null : t.name(), v == null || v.isBlank() ? null : v.strip(), teamId);
        }

        HasValue<?, String> valueField() {
            return value;
        }

        void ids(int i) {
            type.setId("action-" + i + "-type");
            if (value != null) {
                ((Component) value).setId("action-" + i + "-value");
            }
            team.setId("action-" + i + "-team");
            remove.setId("action-" + i + "-remove");
        }

        private void valueFor(ActionType t, String current) {
            Choices choices = owner.choices;
            HasValue<?, String> next = switch (t) {
                case ASSIGN_TEAM -> select(choices.teams(), current, "Team");
                case ASSIGN_AGENT -> select(choices.agents(), current, "Agent");
                case APPLY_SLA_POLICY -> select(choices.policies(), current, "SLA policy");
                case SET_PRIORITY -> select(names(Arrays.stream(Priority.values()).map(Enum::name).toList(),
                        RuleWords::priority), current, "Priority");
                case ASSIGN_BY_STRATEGY -> select(names(Arrays.stream(Strategy.values()).map(Enum::name).toList(),
                        s -> RuleWords.strategy(Strategy.valueOf(s))), current, "How");
                case AUTO_REPLY -> {
                    TextArea text = new TextArea();
                    text.setAriaLabel("Reply text");
                    text.setPlaceholder("Thanks for writing! We answer within one business day.");
                    text.setWidth("28em");
                    text.setValue(current == null ? "" : current);
                    yield text;
                }
                case CLOSE_AS_SPAM -> null;
                default -> {
                    TextField text = new TextField();
                    text.setAriaLabel("Tag");
                    text.setPlaceholder("tag");
                    text.setValue(current == null ? "" : current);
                    yield text;
                }
            };
            String id = value == null ? null : ((Component) value).getId().orElse(null);
            value = next;
            valueHolder.removeAll();
            if (next != null) {
                next.addValueChangeListener(e -> owner.changed());
                valueHolder.add((Component) next);
                if (id != null) {
                    ((Component) next).setId(id);
                }
            }
        }
    }

    private static Map<String, String> names(List<String> keys, java.util.function.Function<String, String> label) {
        Map<String, String> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, label.apply(k)));
        return map;
    }

    /** A list picker over {@code options} (value → label); refuses a value that is not among them. */
    private static Select<String> select(Map<String, String> options, String current, String label) {
        Select<String> select = new Select<>();
        select.setAriaLabel(label);
        select.setPlaceholder("Choose " + label.toLowerCase(Locale.ROOT));
        select.setItems(new ArrayList<>(options.keySet()));
        select.setItemLabelGenerator(k -> k == null ? "" : options.getOrDefault(k, k));
        select.setWidth("16em");
        if (current != null && !current.isBlank()) {
            select.setValue(requireChoice(options, current.strip()));
        }
        return select;
    }

    /** The option for {@code value} (compared without case for names like HIGH); refuses others. */
    private static String requireChoice(Map<String, String> options, String value) {
        for (String key : options.keySet()) {
            if (key.equalsIgnoreCase(value)) {
                return key;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of the choices");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
