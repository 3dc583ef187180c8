package org.parley.sla.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.InboundMessage;
import org.parley.conversation.ConversationService;
import org.parley.sla.CalendarSpec;
import org.parley.sla.PolicySpec;
import org.parley.sla.SlaAdministration;
import org.parley.sla.SlaClocks;
import org.parley.sla.SlaState;
import org.parley.team.Agent;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class EscalationQueueViewTest extends UiTest {

    @Autowired
    SlaAdministration admin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    ConversationService conversations;

    @Test
    void breachedConversationsAreListedReassignedAndAcknowledged() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var calendar = admin.createCalendar(new CalendarSpec("UI " + run, "UTC", true, List.of(), List.of()));
        UUID policy = admin.createPolicy(new PolicySpec("UI " + run, calendar.id(),
                List.of(new PolicySpec.Target("NORMAL", 100, null, null), new PolicySpec.Target("HIGH", 100, null, null)),
                75, 150)).id();
        // written two hours ago: 100 minutes for a first response are over (breach), 150 minutes are not
        UUID id = ingestion.ingest(new InboundMessage(Channel.EMAIL, "esc-" + run, new InboundMessage.Sender(
                Channel.EMAIL, "esc." + run + "@example.com", "Eve"), "Late " + run, "hello?", null, null, List.of(),
                null, Instant.now().minus(Duration.ofHours(2)))).conversationId();
        clocks.applyPolicy(id, policy);
        clocks.sweep(1000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(clocks.state(id).orElseThrow().escalationLevel()).isEqualTo("BREACH"));

        navigate(EscalationQueueView.class);
        @SuppressWarnings("unchecked")
        Grid<EscalationQueueView.Row> grid = $(Grid.class).id("escalation-grid");
        EscalationQueueView.Row row = rowOf(grid, id);
        assertThat(row.subject()).isEqualTo("Late " + run);
        assertThat(row.level()).isEqualTo("breached");
        assertThat(row.assignee()).isEqualTo("unassigned");
        assertThat(((EscalationQueueView) grid.getParent().orElseThrow()).countdown(row.entry().nextDueAt()))
                .startsWith("overdue ");

        grid.select(row);
        @SuppressWarnings("unchecked")
        ComboBox<Agent> to = $(ComboBox.class).id("reassign-to");
        test(to).selectItem("Otto Other");
        test($(Button.class).id("reassign-button")).click();
        Agent otto = team.findAgentByUsername(OTHER_AGENT).orElseThrow();
        assertThat(conversations.get(Viewer.SYSTEM, id).assigneeId()).isEqualTo(otto.getId());

        grid.select(rowOf(grid, id));
        test($(Button.class).id("acknowledge-button")).click();
        Agent me = team.findAgentByUsername(ADMIN).orElseThrow();
        assertThat(clocks.state(id).orElseThrow().escalations()).filteredOn(e -> e.level().equals("BREACH"))
                .singleElement().satisfies(e -> {
                    assertThat(e.acknowledgedBy()).isEqualTo(me.getId());
                    assertThat(e.acknowledgedAt()).isNotNull();
                });
        assertThat(rowOf(grid, id).entry().openEscalationIds()).isEmpty();
    }

    private EscalationQueueView.Row rowOf(Grid<EscalationQueueView.Row> grid, UUID id) {
        var tester = test(grid);
        for (int i = 0; i < tester.size(); i++) {
            if (tester.getRow(i).conversationId().equals(id)) {
                return tester.getRow(i);
            }
        }
        throw new AssertionError("conversation " + id + " is not in the escalation queue");
    }
}
