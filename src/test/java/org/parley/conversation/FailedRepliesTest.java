package org.parley.conversation;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.IdentityKey;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reply that fails after it resolved its conversation reopens it (assignee kept, a note in the timeline); a
 * conversation resolved again after the reply was written stays resolved; a failed plain reply leaves the status.
 */
@ParleySpringTest
class FailedRepliesTest {

    @Autowired
    ConversationService conversations;
    @Autowired
    OutboundQueue outbox;
    @Autowired
    FailedReplies failedReplies;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    TeamDirectory team;

    @Test
    void aFailedSendAndResolveReopens_aLaterResolveStands_andAPlainReplyKeepsItsStatus() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        UUID agent = team.createAgent("fr" + id, "Fran Failed", null, "correct-horse-battery", EnumSet.of(Role.AGENT))
                .getId();

        // send and resolve, then the outbox gives up: open again, still Fran's, with Parley's note
        UUID a = write("ann" + id);
        conversations.assign(Viewer.SYSTEM, a, agent);
        MessageView resolvedWith = conversations.replyAt(Viewer.SYSTEM, a, agent, null, "Done " + id, true, java.time.Instant.now());
        // (no mailbox is connected here: the dispatcher may report the failure first, with its own reason)
        giveUp(resolvedWith.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> conversations.get(Viewer.SYSTEM, a).status() == ConversationStatus.OPEN);
        assertThat(conversations.get(Viewer.SYSTEM, a).assigneeId()).isEqualTo(agent);
        assertThat(conversations.messages(Viewer.SYSTEM, a).getLast()).satisfies(note -> {
            assertThat(note.direction()).isEqualTo(Direction.NOTE);
            assertThat(note.text()).contains("Fran Failed's reply on Email was not delivered");
        });

        // a plain reply that fails: pending stays pending (the timeline and the author's bell say it failed)
        UUID b = write("bob" + id);
        MessageView plain = conversations.replyAt(Viewer.SYSTEM, b, agent, null, "Soon " + id, false, java.time.Instant.now());
        giveUp(plain.id());
        assertThat(failedReplies.reopenIfResolvedWith(event(plain))).isFalse();
        assertThat(conversations.get(Viewer.SYSTEM, b).status()).isEqualTo(ConversationStatus.PENDING);

        // resolved again by someone after the reply was written: their decision stands
        UUID c = write("cy" + id);
        MessageView earlier = conversations.replyAt(Viewer.SYSTEM, c, agent, null, "Try this " + id, false, java.time.Instant.now());
        giveUp(earlier.id());
        conversations.setStatusAt(Viewer.SYSTEM, c, ConversationStatus.RESOLVED, Instant.now().plusSeconds(1));
        assertThat(failedReplies.reopenIfResolvedWith(event(earlier))).isFalse();
        assertThat(conversations.get(Viewer.SYSTEM, c).status()).isEqualTo(ConversationStatus.RESOLVED);
    }

    /**
     * Reports the reply FAILED, as the dispatcher does when a provider refuses it for good. The dispatcher may be
     * failing it at this very moment (no mailbox is connected here): then its report is the one that counts.
     */
    private void giveUp(UUID messageId) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                outbox.markFailed(messageId, "mailbox refused");
                return;
            } catch (org.springframework.orm.ObjectOptimisticLockingFailureException dispatcherWasFaster) {
                if (attempt == 5) {
                    throw dispatcherWasFaster;
                }
                Thread.sleep(50);
            }
        }
    }

    private static DeliveryFailed event(MessageView reply) {
        return new DeliveryFailed(reply.id(), reply.conversationId(), reply.authorAgentId(), "test");
    }

    private UUID write(String who) {
        Instant now = Instant.now();
        UUID customer = customers.resolve(new IdentityKey(Channel.EMAIL, who + "@example.com"), "Customer " + who,
                who + "@example.com", now).customerId();
        return conversations.receive(Viewer.SYSTEM, new IncomingMessage(customer, "Customer " + who, Channel.EMAIL,
                "m-" + UUID.randomUUID(), "Question " + who, "Help", null, null, List.of(), null, now, null))
                .conversationId();
    }
}
