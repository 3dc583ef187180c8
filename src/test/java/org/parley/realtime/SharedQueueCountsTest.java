package org.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.Queue;
import org.parley.conversation.QueueCounts;
import org.parley.conversation.Snoozes;
import org.parley.conversation.ui.InboxView;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Queue counts are tallied once per node and shared by every screen: after a burst of 500 messages (routed to
 * teams, assigned, resolved, snoozed while they arrive) an open inbox shows exactly what the database holds, every
 * viewer's count of every queue agrees with the viewer's own count query, and a hundred screens asking after one
 * change cost one tally, not a hundred.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class SharedQueueCountsTest extends UiTest {

    @Autowired
    QueueCounts counts;
    @Autowired
    InboxQueries inbox;
    @Autowired
    ConversationService conversations;
    @Autowired
    Snoozes snoozes;
    @Autowired
    ConversationAccess access;
    @Autowired
    org.parley.base.events.SpineProgress spine;

    /** Routing (and what else reacts to the burst) may still be assigning in the background: wait for it. */
    private void settle() {
        for (String subscriber : List.of("routing", "sla", "failed-replies")) {
            assertThat(spine.awaitApplied(subscriber, java.time.Duration.ofSeconds(120))).as(subscriber).isTrue();
        }
    }

    @Test
    void afterABurstOf500MessagesTheOpenInboxAndEveryViewersCountsAgreeWithTheDatabase() throws Exception {
        String id = unique();
        Team billing = team.createTeam("Billing " + id, null);
        Team shipping = team.createTeam("Shipping " + id, null);
        UUID me = agentId(AGENT);
        team.addMember(billing.getId(), me, false);
        UUID shipper = team.createAgent("ship" + id, "Sid Shipper", null, "secret-password",
                EnumSet.of(Role.AGENT)).getId();
        team.addMember(shipping.getId(), shipper, false);
        navigate(InboxView.class);

        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                sent.add(senders.submit(() -> {
                    // 250 senders, so that half the messages follow up a conversation that already exists
                    IngestResult r = ingest(Channel.EMAIL, "burst-" + (n % 250) + "-" + id + "@example.com",
                            "Burst " + (n % 250), "Order " + (n % 250), "Message " + n + " " + id);
                    UUID c = r.conversationId();
                    switch (n % 10) {
                        case 1, 2 -> conversations.moveToTeam(Viewer.SYSTEM, c, billing.getId());
                        case 3 -> conversations.moveToTeam(Viewer.SYSTEM, c, shipping.getId());
                        case 4 -> conversations.assign(Viewer.SYSTEM, c, me);
                        case 5 -> conversations.assign(Viewer.SYSTEM, c, shipper);
                        case 6 -> conversations.setStatus(Viewer.SYSTEM, c, ConversationStatus.RESOLVED);
                        case 7 -> snoozes.snooze(Viewer.SYSTEM, c, Instant.now().plusSeconds(3600), false);
                        default -> {
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
        settle();

        Viewer mine = access.viewerOf(me);
        List<Queue> queues = List.of(Queue.MINE, Queue.NEEDS_MY_REPLY, Queue.UNASSIGNED, Queue.ALL_OPEN,
                Queue.RESOLVED, Queue.SNOOZED, Queue.team(billing.getId()), Queue.teamNeedsReply(billing.getId()));
        // the screen was pushed the burst: its counts settle on what the database holds
        awaitPush("the inbox counts after the burst", () -> queues.stream().allMatch(q -> shown(q) == inbox.count(mine, q)));

        Viewer everyone = new Viewer(null, true, java.util.Set.of());
        for (Viewer viewer : List.of(mine, access.viewerOf(shipper), access.viewerOf(agentId(OTHER_AGENT)), everyone)) {
            for (Queue queue : List.of(Queue.MINE, Queue.NEEDS_MY_REPLY, Queue.UNASSIGNED, Queue.ALL_OPEN,
                    Queue.RESOLVED, Queue.SNOOZED, Queue.team(billing.getId()), Queue.team(shipping.getId()),
                    Queue.teamNeedsReply(billing.getId()), Queue.teamNeedsReply(shipping.getId()))) {
                assertThat(counts.count(viewer, queue)).as("%s of %s", queue, viewer.agentId())
                        .isEqualTo(inbox.count(viewer, queue));
            }
        }
        assertThat(counts.count(mine, Queue.team(shipping.getId()))).as("a team the agent is not in").isZero();
        assertThat(counts.count(access.viewerOf(shipper), Queue.MINE)).as("25 conversations, each assigned twice").isEqualTo(25);
    }

    @Test
    void aHundredScreensAskingAfterOneChangeCostOneTally() {
        settle();
        String id = unique();
        IngestResult r = ingest(Channel.EMAIL, "one-" + id + "@example.com", "One " + id, "Hi", "One change " + id);
        settle();
        List<Viewer> screens = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            screens.add(access.viewerOf(i % 2 == 0 ? agentId(AGENT) : agentId(OTHER_AGENT)));
        }
        long before = counts.computations();
        for (Viewer screen : screens) {
            counts.count(screen, Queue.UNASSIGNED);
            counts.count(screen, Queue.MINE);
        }
        assertThat(counts.computations() - before).as("tallies for 100 screens").isLessThanOrEqualTo(2);

        conversations.assign(Viewer.SYSTEM, r.conversationId(), agentId(OTHER_AGENT));
        settle();
        long afterChange = counts.computations();
        // the two agents see different teams: each screen gets its own viewer's count out of the one tally
        java.util.Map<UUID, Long> unassigned = new java.util.HashMap<>();
        for (Viewer screen : screens.subList(0, 2)) {
            unassigned.put(screen.agentId(), inbox.count(screen, Queue.UNASSIGNED));
        }
        for (Viewer screen : screens) {
            assertThat(counts.count(screen, Queue.UNASSIGNED)).isEqualTo(unassigned.get(screen.agentId()));
        }
        // one change, one tally for every screen (a background job committing meanwhile may add one more)
        assertThat(counts.computations() - afterChange).as("tallies for 100 screens").isBetween(1L, 2L);
        assertThat(counts.count(access.viewerOf(agentId(OTHER_AGENT)), Queue.MINE))
                .isEqualTo(inbox.count(access.viewerOf(agentId(OTHER_AGENT)), Queue.MINE));
    }

    private long shown(Queue queue) {
        String buttonId = switch (queue.kind()) {
            case TEAM -> "queue-team-" + queue.teamId();
            case TEAM_NEEDS_REPLY -> "queue-team-needs-reply-" + queue.teamId();
            default -> "queue-" + queue.kind().name().toLowerCase().replace('_', '-');
        };
        return Long.parseLong($(Button.class).id(buttonId).getElement().getAttribute("data-count"));
    }
}
