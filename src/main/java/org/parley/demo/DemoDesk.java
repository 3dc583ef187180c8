package org.parley.demo;

import org.parley.conversation.ConversationAccess.Viewer;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.parley.base.Channel;
import org.parley.base.events.SpineProgress;
import org.parley.base.persistence.DatabaseVendor;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.OutboundQueue;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a realistic desk once, into an empty database: 3 teams, 8 agents, ~300 customers with
 * identities on several channels, ~2,000 messages over the last 60 days. Messages go through the
 * same ingestion pipeline as real ones, so the demo exercises identity resolution and threading.
 */
@Component
class DemoDesk {

    private static final Logger log = LoggerFactory.getLogger(DemoDesk.class);
    private static final int CUSTOMERS = 300;
    private static final int CUSTOMERS_PER_TRANSACTION = 10;

    private static final String[] FIRST = {"Jane", "Omar", "Mei", "Lukas", "Amara", "Diego", "Hannah", "Kenji",
        "Fatima", "Noah", "Chloé", "Mateo", "Aisha", "Liam", "Sofia", "Arjun", "Elena", "Kwame", "Ingrid", "Yusuf",
        "Grace", "Pavel", "Leila", "Tom", "Nora", "Ravi", "Zoe", "Emil", "Ana", "Felix"};
    private static final String[] LAST = {"Doe", "Haddad", "Chen", "Becker", "Okafor", "García", "Schmidt",
        "Tanaka", "Rahman", "Williams", "Martin", "López", "Bello", "O'Brien", "Rossi", "Patel", "Novak", "Mensah",
        "Larsen", "Demir", "Kim", "Ivanov", "Nasser", "Müller", "Silva", "Sharma", "Dubois", "Nowak", "Costa", "Berg"};
    private static final String[] COMPANIES = {null, null, null, "Acme GmbH", "Northwind Ltd", "Globex", "Initech",
        "Umbrella Retail", "Blue Harbor Café"};
    private static final String[] PHONE_FORMATS = {"+1 415 555 %04d", "+44 20 7946 %04d", "+49 30 9018 %04d",
        "+33 1 70 18 %04d", "+34 91 123 %04d", "+81 3 1234 %04d"};

    private static final String[][] TOPICS = {
        {"Refund for order #%d", "Hi, I returned order #%d two weeks ago and have not seen the refund yet. Can you check?",
            "I have checked with our billing team: the refund for order #%d was issued today and should reach your account within 3-5 days."},
        {"Cannot log in to my account", "Since this morning the app says my password is wrong, although I did not change it.",
            "Sorry about that! I sent a password reset link to your email address. Let me know if it does not arrive."},
        {"Invoice address is wrong", "The invoice for my last order shows my old address. Could you correct it please?",
            "Done: the corrected invoice is attached to your account under Orders > Invoices."},
        {"Where is my parcel?", "My order #%d was shipped last week but tracking has not moved for four days.",
            "I asked the carrier to investigate. If the parcel does not move by Friday, we will send a replacement."},
        {"Upgrade to the Pro plan", "What happens to my data if I upgrade from Free to Pro mid-month?",
            "Everything stays as it is, and you only pay for the remaining days of this month."},
        {"App crashes when uploading photos", "Every time I upload more than three photos the app closes. Android 14.",
            "Thanks for the details. A fix is in version 5.2.1, which is rolling out now; please update and try again."},
        {"Cancel my subscription", "Please cancel my subscription at the end of the current period.",
            "Your subscription is cancelled and stays active until the end of the period. We are sorry to see you go!"},
        {"Wrong size delivered", "I ordered the jacket in M but received L (order #%d). How do I exchange it?",
            "We have sent you a prepaid return label by email; the jacket in M ships as soon as the return is scanned."},
    };
    private static final String[] SOCIAL_MENTIONS = {
        "@parley_shop my order #%d still has not arrived, anyone there?",
        "Loving the new collection from @parley_shop! Is the blue one coming back in stock?",
        "@parley_shop your app logged me out three times today 😤",
        "Hey @parley_shop, do you ship to Norway?",
    };
    private static final String[] SOCIAL_ANSWERS = {
        "Hi! Sorry to hear that. Please send us a DM with your order number and we will look into it right away.",
        "Thank you! The blue one is back next week 💙",
        "We are sorry! A fix is rolling out today. Could you DM us your device model?",
        "We do! Shipping to Norway takes 3-5 working days.",
    };

    private final DemoProperties properties;
    private final DatabaseVendor vendor;
    private final TeamDirectory team;
    private final CustomerDirectory customers;
    private final IngestionService ingestion;
    private final ConversationService conversations;
    private final OutboundQueue outbound;
    private final TransactionTemplate transactions;
    private final DemoWorkflows workflows;
    private final SpineProgress spine;
    private final DemoMail mail;

    DemoDesk(DemoProperties properties, DatabaseVendor vendor, TeamDirectory team, CustomerDirectory customers,
            IngestionService ingestion, ConversationService conversations, OutboundQueue outbound,
            TransactionTemplate transactions, DemoWorkflows workflows, SpineProgress spine, DemoMail mail) {
        this.mail = mail;
        this.workflows = workflows;
        this.spine = spine;
        this.outbound = outbound;
        this.transactions = transactions;
        this.properties = properties;
        this.vendor = vendor;
        this.team = team;
        this.customers = customers;
        this.ingestion = ingestion;
        this.conversations = conversations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void seedOnce() {
        boolean enabled = properties.enabled() != null ? properties.enabled() : vendor.kind() == DatabaseVendor.Kind.H2;
        if (!enabled) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("demo-seed", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            startMail();
            if (team.agentCount() > 0) {
                printLogins();
                mail.startFeed();
                return;
            }
            printLogins(); // before seeding starts: the desk can be signed in to while it fills
            long started = System.nanoTime();
            Seeded seeded = seed(new Random(42));
            long history = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int canned = workflows.createCannedResponses(seeded.adminId(), seeded.teams());
            DemoWorkflows.Policies policies = workflows.createPolicies();
            int escalations = workflows.startClocks(policies, seeded.slaStandard(), seeded.slaVip());
            // the rules are for what comes in from now on: routing first applies the history's events without them
            if (!spine.awaitApplied("routing", Duration.ofSeconds(60))) {
                log.warn("routing has not caught up with the seeded history after 60 s; creating the rules anyway");
            }
            long caughtUp = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int rules = workflows.createRoutingRules(policies, seeded.teams());
            log.info("Seeded the demo desk: {} customers, {} messages, {} canned responses, 2 SLA policies, {} routing"
                    + " rules, {} conversations on SLA clocks ({} escalations so far) in {} ms (history {} ms, routing"
                    + " caught up at {} ms)", customers.count(), seeded.messages(), canned, rules,
                    seeded.slaStandard().size() + seeded.slaVip().size(), escalations,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), history, caughtUp);
            printLogins();
            mail.startFeed();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void startMail() {
        try {
            mail.start();
        } catch (RuntimeException e) {
            // e.g. a port in use: the desk works without it (email replies then fail visibly in the timeline)
            log.warn("The demo mail server did not start ({}); set parley.demo.mail.smtp-port/imap-port to free ports"
                    + " or parley.demo.mail.enabled=false", e.toString());
        }
    }

    private void printLogins() {
        log.info("""

                ------------------------------------------------------------
                 Parley demo logins (password for all: {})
                   admin       administrator
                   sam         supervisor
                   lena        team lead, Billing
                   tom         team lead, Technical support
                   sofia       team lead, Social care
                   alex, maria, jonas   agents
                 Demo mailbox {} (same password): {}
                ------------------------------------------------------------""", properties.password(),
                properties.mail().address(), mail.describe());
    }

    /**
     * The ASCII spelling of a name for addresses and handles: accents dropped (é -> e, ü -> u, ñ -> n), and the
     * letters that are not a letter plus a mark written out (ß -> ss, ø -> o, æ -> ae, ł -> l, ...).
     */
    static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : Normalizer.normalize(text, Normalizer.Form.NFD).toCharArray()) {
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(switch (c) {
                case 'ß' -> "ss";
                case 'ø' -> "o";
                case 'Ø' -> "O";
                case 'æ' -> "ae";
                case 'Æ' -> "AE";
                case 'œ' -> "oe";
                case 'Œ' -> "OE";
                case 'ł' -> "l";
                case 'Ł' -> "L";
                case 'đ' -> "d";
                case 'Đ' -> "D";
                case 'ð' -> "d";
                case 'Ð' -> "D";
                case 'þ' -> "th";
                case 'Þ' -> "Th";
                case 'ı' -> "i";
                default -> String.valueOf(c);
            });
        }
        return out.toString();
    }

    /** What {@link #seed} made that the rest of the set-up needs. */
    record Seeded(int messages, UUID adminId, DemoWorkflows.Teams teams, List<UUID> slaStandard, List<UUID> slaVip) {
    }

    Seeded seed(Random random) {
        String pw = properties.password();
        Agent admin = team.createAgent("admin", "Ada Admin", "admin@parley.example", pw, Set.of(Role.ADMIN));
        Agent sam = team.createAgent("sam", "Sam Supervisor", "sam@parley.example", pw, Set.of(Role.SUPERVISOR));
        Agent lena = team.createAgent("lena", "Lena Lindqvist", "lena@parley.example", pw, EnumSet.of(Role.LEAD, Role.AGENT));
        Agent tom = team.createAgent("tom", "Tom Okoye", "tom@parley.example", pw, EnumSet.of(Role.LEAD, Role.AGENT));
        Agent sofia = team.createAgent("sofia", "Sofia Reyes", "sofia@parley.example", pw, EnumSet.of(Role.LEAD, Role.AGENT));
        Agent alex = team.createAgent("alex", "Alex Kowalski", "alex@parley.example", pw, Set.of(Role.AGENT));
        Agent maria = team.createAgent("maria", "Maria Santos", "maria@parley.example", pw, Set.of(Role.AGENT));
        Agent jonas = team.createAgent("jonas", "Jonas Weber", "jonas@parley.example", pw, Set.of(Role.AGENT));

        Team billing = team.createTeam("Billing", "Invoices, refunds, subscriptions");
        Team tech = team.createTeam("Technical support", "Log-in problems, app bugs, integrations");
        Team socialCare = team.createTeam("Social care", "Mentions and direct messages on social networks");
        team.addMember(billing.getId(), lena.getId(), true);
        team.addMember(billing.getId(), alex.getId(), false);
        team.addMember(billing.getId(), maria.getId(), false);
        team.addMember(tech.getId(), tom.getId(), true);
        team.addMember(tech.getId(), jonas.getId(), false);
        team.addMember(tech.getId(), maria.getId(), false);
        team.addMember(socialCare.getId(), sofia.getId(), true);
        team.addMember(socialCare.getId(), alex.getId(), false);
        team.addMember(socialCare.getId(), jonas.getId(), false);
        // public mentions are everyone's business: every agent sees Social care's conversations
        team.setOpenToAllAgents(socialCare.getId(), true);
        List<Agent> billingAgents = List.of(lena, alex, maria);
        List<Agent> techAgents = List.of(tom, jonas, maria);
        List<Agent> socialAgents = List.of(sofia, alex, jonas);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant slaSince = now.minus(Duration.ofDays(14));
        List<UUID> slaStandard = new ArrayList<>();
        List<UUID> slaVip = new ArrayList<>();
        int messageCount = 0;
        Desk desk = new Desk(now, slaSince, billing, tech, socialCare, billingAgents, techAgents, socialAgents,
                slaStandard, slaVip);
        // a few customers per transaction: every service call below joins it (ingestion too), which makes
        // seeding several times faster than a commit per call
        for (int batch = 0; batch < CUSTOMERS; batch += CUSTOMERS_PER_TRANSACTION) {
            int from = batch;
            messageCount += transactions.execute(tx -> {
                int n = 0;
                for (int i = from; i < Math.min(from + CUSTOMERS_PER_TRANSACTION, CUSTOMERS); i++) {
                    n += seedCustomer(i, random, desk);
                }
                return n;
            });
        }
        log.debug("demo admin {} and supervisor {} created", admin.getUsername(), sam.getUsername());
        return new Seeded(messageCount, admin.getId(), new DemoWorkflows.Teams(billing, tech, socialCare), slaStandard,
                slaVip);
    }

    /** What every customer's history is seeded into. */
    private record Desk(Instant now, Instant slaSince, Team billing, Team tech, Team socialCare,
            List<Agent> billingAgents, List<Agent> techAgents, List<Agent> socialAgents, List<UUID> slaStandard,
            List<UUID> slaVip) {
    }

    /** One customer with identities, attributes and one or two conversations; returns the messages written. */
    private int seedCustomer(int i, Random random, Desk d) {
        Instant now = d.now();
        int messageCount = 0;
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String name = first + " " + last;
        // names keep their accents; addresses and handles are their ASCII transliteration (López -> lopez)
        String slug = ascii(first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + i;
        String email = slug + "@" + (random.nextBoolean() ? "example.com" : "mail.example.org");
        String phone = String.format(PHONE_FORMATS[i % PHONE_FORMATS.length], 1000 + i);
        String handle = ascii(first + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + i;

        // the customer's history first: created at their first contact, last seen at their last message
        int threads = 1 + random.nextInt(2);
        List<Instant> starts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            starts.add(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60))));
        }
        Instant firstContact = starts.stream().min(Instant::compareTo).orElseThrow();
        UUID customerId = customers.resolve(customers.normalizer().normalize(Channel.EMAIL, email), name, email,
                firstContact).customerId();
        if (random.nextInt(3) > 0) {
            customers.addIdentity(customerId, Channel.PHONE, phone);
        }
        if (random.nextInt(3) == 0) {
            customers.addIdentity(customerId, Channel.X, "@" + handle);
        }
        if (random.nextInt(4) == 0) {
            customers.addIdentity(customerId, Channel.INSTAGRAM, handle);
        }
        if (random.nextInt(5) == 0) {
            customers.addIdentity(customerId, Channel.WHATSAPP, phone);
        }
        String plan = random.nextInt(10) == 0 ? "VIP" : random.nextBoolean() ? "Pro" : "Free";
        customers.setAttribute(customerId, "plan", plan);
        customers.setAttribute(customerId, "lifetime_value", String.valueOf(20 + random.nextInt(4000)) + " EUR");
        customers.setAttribute(customerId, "last_order", "#" + (100000 + random.nextInt(900000)));
        String company = COMPANIES[random.nextInt(COMPANIES.length)];
        if (company != null) {
            customers.update(customerId, name, company, null);
        }
        var profile = customers.get(customerId);

        for (int t = 0; t < threads; t++) {
            Instant start = starts.get(t);
            boolean recent = start.isAfter(now.minus(Duration.ofDays(3)));
            var channels = profile.reachableChannels();
            Channel channel = channels.get(random.nextInt(channels.size()));
            String from = profile.identityFor(channel).orElseThrow().displayValue();
            int order = 100000 + random.nextInt(900000);
            boolean onSocial = channel.socialNetwork();
            String[] topic = TOPICS[random.nextInt(TOPICS.length)];
            int socialIdx = random.nextInt(SOCIAL_MENTIONS.length);
            String subject = onSocial ? null : String.format(topic[0], order);
            String question = onSocial ? String.format(SOCIAL_MENTIONS[socialIdx], order) : String.format(topic[1], order);
            String answer = onSocial ? SOCIAL_ANSWERS[socialIdx] : String.format(topic[2], order);
            if (channel == Channel.PHONE) {
                question = "Call from " + from + ": " + question;
            }
            String threadKey = "demo-" + i + "-" + t;

            IngestResult first1 = ingestion.ingest(new InboundMessage(channel, "demo-" + i + "-" + t + "-0",
                    new InboundMessage.Sender(channel, from, name), subject, question, null, null, null,
                    threadKey, start));
            messageCount++;
            UUID conversationId = first1.conversationId();
            List<Agent> pool = onSocial ? d.socialAgents()
                    : topic == TOPICS[1] || topic == TOPICS[5] ? d.techAgents() : d.billingAgents();
            Team owner = onSocial ? d.socialCare() : pool == d.techAgents() ? d.tech() : d.billing();
            conversations.moveToTeam(Viewer.SYSTEM, conversationId, owner.getId());
            if (random.nextInt(6) == 0) {
                conversations.setPriority(Viewer.SYSTEM, conversationId, random.nextBoolean() ? Priority.HIGH : Priority.URGENT);
            }
            if (recent && random.nextInt(3) == 0) {
                // waiting for a first answer, unassigned
                (plan.equals("VIP") ? d.slaVip() : d.slaStandard()).add(conversationId);
                continue;
            }
            Agent agent = pool.get(random.nextInt(pool.size()));
            Instant at = start.plus(Duration.ofMinutes(5 + random.nextInt(240)));
            int rounds = 1 + random.nextInt(3);
            boolean resolved = false;
            for (int r = 0; r < rounds && at.isBefore(now); r++) {
                if (random.nextInt(5) == 0) {
                    conversations.addNoteAt(Viewer.SYSTEM, conversationId, agent.getId(), "Checked the order history: customer since " + (2015 + random.nextInt(10)) + ".", at);
                    messageCount++;
                    at = at.plus(Duration.ofMinutes(2));
                }
                boolean lastRound = r == rounds - 1;
                boolean resolve = lastRound && !recent && random.nextInt(5) > 0;
                resolved |= resolve;
                Instant sentAt = at;
                // the demo's history was sent long ago: recorded as SENT in the same transaction, so the
                // outbox never tries to deliver it; an answer on the phone was given on the phone: LOGGED
                transactions.executeWithoutResult(tx -> {
                    var reply = conversations.replyAt(Viewer.SYSTEM, conversationId, agent.getId(), channel, answer, resolve, sentAt);
                    if (channel == Channel.PHONE) {
                        outbound.markLogged(reply.id());
                    } else {
                        outbound.markSent(reply.id(), "demo-" + reply.id());
                    }
                });
                messageCount++;
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(60 * 12)));
                if (!lastRound && at.isBefore(now)) {
                    ingestion.ingest(new InboundMessage(channel, "demo-" + i + "-" + t + "-" + (r + 1),
                            new InboundMessage.Sender(channel, from, name), subject == null ? null : "Re: " + subject,
                            random.nextBoolean() ? "Thanks, but it still does not work." : "Thank you! One more question: can I get this confirmed by email?",
                            null, null, null, threadKey, at));
                    messageCount++;
                    at = at.plus(Duration.ofMinutes(10 + random.nextInt(120)));
                }
            }
            if (!recent && random.nextInt(10) == 0) {
                // closed when the history ends, so reports see a resolution time from the past
                conversations.setStatusAt(Viewer.SYSTEM, conversationId, ConversationStatus.CLOSED, at.isBefore(now) ? at : now);
            } else if (!resolved && start.isAfter(d.slaSince())) {
                (plan.equals("VIP") ? d.slaVip() : d.slaStandard()).add(conversationId);
            }
        }
        return messageCount;
    }
}
