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
import com.vaadin.flow.component.UI;
import org.parley.base.Channel;
import org.parley.conversation.ui.InboxView;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = UiTest.ADMIN, roles = "ADMIN")
class EscalationQueueViewTest extends UiTest {

    @Autowired
    SlaAdministration admin;
    @Autowired
    SlaClocks clocks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.parley.base.events.SpineProgress spine;
    @Autowired
    ConversationService conversations;

    @Test
    void breachedConversationsAreListedReassignedAndAcknowledged() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID policy = policy(run);
        var billing = team.createTeam("Billing " + run, null);
        UUID id = lateConversation(run, "a", policy);
        conversations.moveToTeam(Viewer.SYSTEM, id, billing.getId());
        UUID second = lateConversation(run, "b", policy);

        navigate(EscalationQueueView.class);
        @SuppressWarnings("unchecked")
        Grid<EscalationQueueView.Row> grid = $(Grid.class).id("escalation-grid");
        EscalationQueueView view = (EscalationQueueView) grid.getParent().orElseThrow();
        EscalationQueueView.Row row = rowOf(grid, id);
        assertThat(row.subject()).isEqualTo("Late a " + run);
        assertThat(row.level()).isEqualTo("breached");
        assertThat(row.assignee()).isEqualTo("unassigned");
        assertThat(row.customer()).isEqualTo("Eve a" + run);
        assertThat(row.team()).isEqualTo("Billing " + run);
        assertThat(rowOf(grid, second).team()).isEqualTo("no team");
        // written two hours ago with 100 minutes for a first response: about 20 minutes overdue, in m:ss
        assertThat(view.countdown(row.entry().nextDueAt())).matches("overdue (19|20|21):[0-5][0-9]");
        assertThat(EscalationQueueView.clockFace(Duration.ofSeconds(65))).isEqualTo("1:05");
        assertThat(EscalationQueueView.clockFace(Duration.ofSeconds(3 * 3600 + 62))).isEqualTo("3:01:02");
        assertThat(EscalationQueueView.clockFace(Duration.ofHours(50))).isEqualTo("2 d 2 h");

        grid.select(row);
        @SuppressWarnings("unchecked")
        ComboBox<Agent> to = $(ComboBox.class).id("reassign-to");
        test(to).selectItem("Otto Other");
        test($(Button.class).id("reassign-button")).click();
        Agent otto = team.findAgentByUsername(OTHER_AGENT).orElseThrow();
        assertThat(conversations.get(Viewer.SYSTEM, id).assigneeId()).isEqualTo(otto.getId());
        assertThat(rowOf(grid, id).assignee()).isEqualTo("Otto Other");

        // two rows with a warning and a breach each: four escalations, two conversations acknowledged
        assertThat(rowOf(grid, id).entry().openEscalationIds()).hasSize(2);
        assertThat(rowOf(grid, second).entry().openEscalationIds()).hasSize(2);
        grid.select(rowOf(grid, id));
        grid.select(rowOf(grid, second));
        test($(Button.class).id("acknowledge-button")).click();
        assertThat(view.lastMessage).isEqualTo("2 conversations acknowledged");
        Agent me = team.findAgentByUsername(ADMIN).orElseThrow();
        assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalations()).filteredOn(e -> e.level().equals("BREACH"))
                .singleElement().satisfies(e -> {
                    assertThat(e.acknowledgedBy()).isEqualTo(me.getId());
                    assertThat(e.acknowledgedAt()).isNotNull();
                });
        assertThat(rowOf(grid, id).entry().openEscalationIds()).isEmpty();
        assertThat(rowOf(grid, second).entry().openEscalationIds()).isEmpty();

        grid.select(rowOf(grid, id));
        test($(Button.class).id("acknowledge-button")).click();
        assertThat(view.lastMessage).isEqualTo("Nothing to acknowledge: the conversation was acknowledged already");
    }

    @Test
    void aClickOnARowOpensItsConversation() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID id = lateConversation(run, "c", policy(run));
        navigate(EscalationQueueView.class);
        @SuppressWarnings("unchecked")
        Grid<EscalationQueueView.Row> grid = $(Grid.class).id("escalation-grid");

        com.vaadin.browserless.component.GridKt._clickItem(grid, rowIndex(grid, id), "customer");

        assertThat(UI.getCurrent().getActiveViewLocation().getPath()).isEqualTo("inbox/" + id);
        assertThat(getCurrentView()).isInstanceOf(InboxView.class);
    }

    @Test
    void theQueueTicksEverySecondAndReloadsItsRows() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID policy = policy(run);
        navigate(EscalationQueueView.class);
        @SuppressWarnings("unchecked")
        Grid<EscalationQueueView.Row> grid = $(Grid.class).id("escalation-grid");
        EscalationQueueView view = (EscalationQueueView) grid.getParent().orElseThrow();
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(1000);
        UUID id = lateConversation(run, "d", policy);
        assertThat(view.rows()).noneMatch(r -> r.conversationId().equals(id));

        view.tick(); // within the reload interval: only the countdowns move
        assertThat(view.rows()).noneMatch(r -> r.conversationId().equals(id));
        view.refresh(); // what the tick does every few seconds
        assertThat(view.rows()).anyMatch(r -> r.conversationId().equals(id));
    }

    private UUID policy(String run) {
        var calendar = admin.createCalendar(new CalendarSpec("UI " + run, "UTC", true, List.of(), List.of()));
        return admin.createPolicy(new PolicySpec("UI " + run, calendar.id(),
                List.of(new PolicySpec.Target("NORMAL", 100, null, null), new PolicySpec.Target("HIGH", 100, null, null)),
                75, 150)).id();
    }

    /** Written two hours ago: 100 minutes for a first response are over (breach), 150 minutes are not. */
    private UUID lateConversation(String run, String which, UUID policy) {
        UUID id = ingestion.ingest(new InboundMessage(Channel.EMAIL, "esc-" + which + run, new InboundMessage.Sender(
                Channel.EMAIL, "esc." + which + run + "@example.com", "Eve " + which + run), "Late " + which + " " + run,
                "hello?", null, null, List.of(), null, Instant.now().minus(Duration.ofHours(2)))).conversationId();
        clocks.applyPolicy(Viewer.SLA, id, policy);
        assertThat(spine.awaitApplied("sla", java.time.Duration.ofSeconds(60))).isTrue(); // the sweep skips a clock the SLA subscriber holds
        clocks.sweep(Viewer.SLA, 1000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(clocks.state(Viewer.SLA, id).orElseThrow().escalationLevel()).isEqualTo("BREACH"));
        return id;
    }

    private int rowIndex(Grid<EscalationQueueView.Row> grid, UUID id) {
        var tester = test(grid);
        for (int i = 0; i < tester.size(); i++) {
            if (tester.getRow(i).conversationId().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("conversation " + id + " is not in the escalation queue");
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
