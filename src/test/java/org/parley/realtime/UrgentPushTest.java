package org.parley.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ui.extension.ConversationUpdate;
import org.parley.conversation.ui.extension.LiveUpdates;
import org.parley.customer.ui.CustomersView;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * What the agent is looking at does not wait for the screen's next regular push: with a push interval of an hour,
 * a regular update after the first waits the hour, and an urgent one goes at once and takes it along.
 */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
@TestPropertySource(properties = "parley.live.min-push-interval=1h")
class UrgentPushTest extends UiTest {

    @Autowired
    LiveBus bus;
    @Autowired
    LiveUpdates live;

    @Test
    void anUrgentUpdateDoesNotWaitForTheNextRegularPush() throws InterruptedException {
        String id = unique();
        IngestResult conversation = ingest(Channel.EMAIL, "rush-" + id + "@example.com", "Ru " + id, "Hi", "Rush " + id);
        navigate(CustomersView.class); // no screen of its own that counts queues (they are tallied once an hour here)
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        Div screen = new Div();
        UI.getCurrent().add(screen);
        live.bind(screen, agentId(AGENT), batch -> batches.add(batch.stream().map(ConversationUpdate::kind).toList()),
                update -> update.kind().startsWith("urgent"));

        bus.deliverLocally(event("regular-0", conversation));
        awaitPush("the first regular update (a quiet screen's first push goes at once)", () -> batches.size() == 1);
        bus.deliverLocally(event("regular-1", conversation));
        Thread.sleep(500);
        runPendingAccessTasks();
        assertThat(batches).as("the second regular update waits for the next slot, an hour away").hasSize(1);

        bus.deliverLocally(event("urgent-0", conversation));
        awaitPush("the urgent update", () -> batches.size() == 2);
        assertThat(batches.get(1)).as("the urgent push takes what waited along").containsExactly("regular-1", "urgent-0");
        UI.getCurrent().remove(screen);
    }

    private LiveEvent event(String kind, IngestResult conversation) {
        return new LiveEvent(LiveEvent.CONVERSATION_CHANGED, kind, conversation.conversationId(),
                conversation.customerId(), null, null, null, null, "Someone", Channel.EMAIL, "Hi", null, "OPEN",
                "NORMAL", false, Instant.now(), bus.node());
    }
}
