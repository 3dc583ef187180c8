package org.parley.demo;

import org.parley.conversation.ConversationAccess.Viewer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.Macro;
import org.parley.reply.ResponseScope;
import org.parley.routing.RoutingRules;
import org.parley.routing.RuleSpec;
import org.parley.routing.RuleSpec.Action;
import org.parley.routing.RuleSpec.Condition;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.team.Team;
import org.springframework.stereotype.Component;

/**
 * The demo desk's ways of working: canned responses with variables, a business-hours calendar with two SLA
 * policies, five routing rules, and SLA clocks on the recent open conversations so that the escalation queue
 * has something in it.
 */
@Component
class DemoWorkflows {

    static final String CALENDAR = "Office hours (Berlin)";
    static final String STANDARD = "Standard";
    static final String VIP = "VIP";

    /** The ids of what {@link #createPolicies()} made. */
    record Policies(UUID calendarId, UUID standardId, UUID vipId) {
    }

    /** The three teams of the demo. */
    record Teams(Team billing, Team tech, Team social) {
    }

    private final CannedResponseService canned;
    private final SlaAdministration sla;
    private final SlaClocks clocks;
    private final RoutingRules rules;

    DemoWorkflows(CannedResponseService canned, SlaAdministration sla, SlaClocks clocks, RoutingRules rules) {
        this.canned = canned;
        this.sla = sla;
        this.clocks = clocks;
        this.rules = rules;
    }

    /** Twelve canned responses: eight for everyone, two per team for Billing and Technical support. */
    int createCannedResponses(UUID adminId, Teams teams) {
        List<CannedResponseInput> all = new ArrayList<>();
        all.add(global("Greeting", "hi", "Greetings",
                "Hi {{customer.first_name}},\n\nthank you for getting in touch. I am {{agent.first_name}} from the "
                        + "{{team.name}} team and I will take care of this for you.",
                "Hi {{customer.first_name}}, {{agent.first_name}} here: I am on it!", null));
        all.add(global("Closing: anything else?", "bye", "Greetings",
                "Is there anything else I can do for you, {{customer.first_name}}? If not, I will close this "
                        + "conversation; just answer this message to open it again.\n\nBest regards,\n{{agent.name}}",
                "Anything else I can help with? Otherwise have a great day! {{agent.first_name}}",
                new Macro(ConversationStatus.RESOLVED, null, List.of(), null)));
        all.add(global("We need a bit more time", "wait", "Status",
                "Hi {{customer.first_name}},\n\nI am still looking into this with my colleagues and will come back to "
                        + "you by tomorrow at the latest. Your reference is {{conversation.id}}.\n\n{{agent.name}}",
                "Still on it, {{customer.first_name}}: you will hear from us by tomorrow. Ref {{conversation.id}}",
                new Macro(ConversationStatus.PENDING, null, List.of("waiting-internal"), Macro.Assign.SELF)));
        all.add(global("Order status", "order", "Orders",
                "Hi {{customer.first_name}},\n\nyour last order {{customer.attr.last_order}} left our warehouse and "
                        + "is with the carrier now. You will get the tracking link by email.\n\n{{agent.name}}",
                "Order {{customer.attr.last_order}} is on its way, {{customer.first_name}}! Tracking link follows.",
                new Macro(null, null, List.of("orders"), null)));
        all.add(global("Shipping times", "shipping", "Orders",
                "Hi {{customer.first_name}},\n\nwe ship within 1 working day. Delivery takes 1-2 days in Germany, "
                        + "2-4 days within the EU and 3-5 days to Norway, Switzerland and the UK.\n\n{{agent.name}}",
                "We ship within 1 day; delivery 1-5 days depending on the country.", null));
        all.add(global("Password reset", "reset", "Account",
                "Hi {{customer.first_name}},\n\nI have sent a password reset link to the email address of your "
                        + "account. It is valid for 24 hours; please check your spam folder if it does not "
                        + "arrive.\n\n{{agent.name}}",
                "Reset link sent, {{customer.first_name}}: valid for 24 h, check your spam folder too.",
                new Macro(null, null, List.of("login"), null)));
        all.add(global("Sorry for the trouble", "sorry", "Greetings",
                "Hi {{customer.first_name}},\n\nI am really sorry about this. As a {{customer.attr.plan}} customer "
                        + "you should never have had to write to us about it; I have made it my priority.\n\n"
                        + "{{agent.name}}, {{team.name}}",
                "So sorry about this, {{customer.first_name}}: it is my priority now.",
                new Macro(null, Priority.HIGH, List.of("apology"), Macro.Assign.SELF)));
        all.add(global("Move to a direct message", "dm", "Social",
                "Hi {{customer.first_name}}, sorry to hear that! Please send us a direct message with your order "
                        + "number so we can look into it without sharing your details here. ^{{agent.first_name}}",
                "Please DM us your order number and we will sort it out! ^{{agent.first_name}}", null));
        all.add(team("Refund issued", "refund", "Billing", teams.billing(),
                "Hi {{customer.first_name}},\n\nI have issued the refund for your order {{customer.attr.last_order}} "
                        + "today. Depending on your bank it reaches your account within 3-5 working days.\n\n"
                        + "{{agent.name}}, {{team.name}}",
                "Refund for {{customer.attr.last_order}} issued today: 3-5 working days to arrive.",
                new Macro(ConversationStatus.RESOLVED, null, List.of("refund"), null)));
        all.add(team("Corrected invoice", "invoice", "Billing", teams.billing(),
                "Hi {{customer.first_name}},\n\nthe corrected invoice is now in your account under Orders > Invoices. "
                        + "The old one is cancelled and needs no action.\n\n{{agent.name}}, {{team.name}}",
                "Corrected invoice is in Orders > Invoices; the old one is cancelled.",
                new Macro(ConversationStatus.RESOLVED, null, List.of("invoice"), null)));
        all.add(team("Please update the app", "update", "Technical support", teams.tech(),
                "Hi {{customer.first_name}},\n\nthis is fixed in version 5.2.1 of the app, which is rolling out now. "
                        + "Please update from your app store and try again; if it still happens, answer this message "
                        + "with your device model.\n\n{{agent.name}}, {{team.name}}",
                "Fixed in app 5.2.1: please update and try again, {{customer.first_name}}.",
                new Macro(ConversationStatus.PENDING, null, List.of("app-bug"), null)));
        all.add(team("Ask for a screenshot", "screenshot", "Technical support", teams.tech(),
                "Hi {{customer.first_name}},\n\ncould you send us a screenshot of the error message and tell us which "
                        + "device and app version you use? That helps us find the cause much faster.\n\n"
                        + "{{agent.name}}, {{team.name}}",
                "Could you send a screenshot of the error and your device model?",
                new Macro(ConversationStatus.PENDING, null, List.of(), Macro.Assign.SELF)));
        all.forEach(in -> canned.create(adminId, in));
        return all.size();
    }

    private static CannedResponseInput global(String title, String shortcut, String folder, String body,
            String shortBody, Macro macro) {
        return new CannedResponseInput(title, shortcut, body, shortBody, folder, List.of(folder.toLowerCase()),
                ResponseScope.GLOBAL, null, null, macro);
    }

    private static CannedResponseInput team(String title, String shortcut, String folder, Team team, String body,
            String shortBody, Macro macro) {
        return new CannedResponseInput(title, shortcut, body, shortBody, folder, List.of(shortcut),
                ResponseScope.TEAM, team.getId(), null, macro);
    }

    /**
     * Office hours in Berlin (Monday to Friday 08:00-12:30 and 13:15-18:00, Saturday 10:00-14:00; closed on
     * Christmas and New Year) and two policies on them: Standard and a faster VIP one.
     */
    Policies createPolicies() {
        List<CalendarSpec.Hours> hours = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.add(new CalendarSpec.Hours(day, "08:00", "12:30"));
            hours.add(new CalendarSpec.Hours(day, "13:15", "18:00"));
        }
        hours.add(new CalendarSpec.Hours("SATURDAY", "10:00", "14:00"));
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        List<String> holidays = new ArrayList<>();
        for (int y = year - 1; y <= year + 1; y++) {
            holidays.addAll(List.of(y + "-01-01", y + "-12-24", y + "-12-25", y + "-12-26", y + "-12-31"));
        }
        UUID calendar = sla.createCalendar(new CalendarSpec(CALENDAR, "Europe/Berlin", false, hours, holidays)).id();
        UUID standard = sla.createPolicy(new PolicySpec(STANDARD, calendar, List.of(
                new PolicySpec.Target("LOW", 480, 960, 4800),
                new PolicySpec.Target("NORMAL", 120, 240, 2400),
                new PolicySpec.Target("HIGH", 60, 120, 960),
                new PolicySpec.Target("URGENT", 30, 60, 480)), 75, 150)).id();
        UUID vip = sla.createPolicy(new PolicySpec(VIP, calendar, List.of(
                new PolicySpec.Target("LOW", 120, 240, 1440),
                new PolicySpec.Target("NORMAL", 60, 120, 960),
                new PolicySpec.Target("HIGH", 30, 60, 480),
                new PolicySpec.Target("URGENT", 15, 30, 240)), 50, 200)).id();
        return new Policies(calendar, standard, vip);
    }

    /**
     * Five routing rules for what comes in from now on: the Standard SLA for every new conversation, topics to
     * Billing and Technical support, social media to Social care, and VIPs first on the VIP SLA.
     */
    int createRoutingRules(Policies policies, Teams teams) {
        String billingWords = "(?i)refund|invoice|subscription|cancel|upgrade|payment|charged|plan";
        String techWords = "(?i)log ?in|password|crash|app |error|bug|upload";
        List<RuleSpec> specs = List.of(
                new RuleSpec("Every new conversation runs on the Standard SLA", true, "CONVERSATION_CREATED", "ALL",
                        false, List.of(), List.of(new Action("APPLY_SLA_POLICY", policies.standardId().toString()))),
                new RuleSpec("Refunds, invoices and plans go to Billing", true, "CONVERSATION_CREATED", "ANY", false,
                        List.of(new Condition("SUBJECT", "MATCHES", billingWords),
                                new Condition("BODY", "MATCHES", billingWords)),
                        List.of(new Action("ASSIGN_TEAM", teams.billing().getId().toString()),
                                new Action("ADD_TAG", "billing"))),
                new RuleSpec("Log-in trouble and app bugs go to Technical support", true, "CONVERSATION_CREATED",
                        "ANY", false,
                        List.of(new Condition("SUBJECT", "MATCHES", techWords),
                                new Condition("BODY", "MATCHES", techWords)),
                        List.of(new Action("ASSIGN_TEAM", teams.tech().getId().toString()),
                                new Action("ADD_TAG", "technical"))),
                new RuleSpec("Social media goes to Social care", true, "CONVERSATION_CREATED", "ANY", false,
                        List.of(new Condition("CHANNEL", "EQUALS", "X"), new Condition("CHANNEL", "EQUALS", "INSTAGRAM"),
                                new Condition("CHANNEL", "EQUALS", "FACEBOOK"),
                                new Condition("CHANNEL", "EQUALS", "WHATSAPP")),
                        List.of(new Action("ASSIGN_TEAM", teams.social().getId().toString()))),
                new RuleSpec("VIP customers: high priority on the VIP SLA", true, "CONVERSATION_CREATED", "ALL", false,
                        List.of(new Condition("CUSTOMER_ATTRIBUTE", "EQUALS", "VIP", "plan")),
                        List.of(new Action("SET_PRIORITY", "HIGH"),
                                new Action("APPLY_SLA_POLICY", policies.vipId().toString()),
                                new Action("ADD_TAG", "vip"))));
        specs.forEach(rules::create);
        return specs.size();
    }

    /**
     * Puts the recent open conversations of the seeded history under their SLA policy (VIP for VIP customers)
     * and sweeps once, so the escalation queue shows what waited too long.
     *
     * @return the escalations raised by this sweep (the periodic sweep raises the rest)
     */
    int startClocks(Policies policies, Collection<UUID> standard, Collection<UUID> vip) {
        standard.forEach(id -> clocks.applyPolicy(Viewer.SYSTEM, id, policies.standardId()));
        vip.forEach(id -> clocks.applyPolicy(Viewer.SYSTEM, id, policies.vipId()));
        return clocks.sweep(Viewer.SLA, standard.size() + vip.size());
    }
}
