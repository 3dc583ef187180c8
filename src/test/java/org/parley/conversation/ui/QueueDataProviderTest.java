package org.parley.conversation.ui;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.data.provider.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.channel.IngestResult;
import org.parley.conversation.ConversationService;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.Queue;
import org.parley.team.Team;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The inbox list pages by keyset: every row exactly once, in order, across pages. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class QueueDataProviderTest extends UiTest {

    static final int ROWS = 130;

    @Autowired
    InboxQueries inbox;

    @Autowired
    org.parley.conversation.ConversationAccess access;
    @Autowired
    ConversationService conversations;
    @Autowired
    org.parley.conversation.QueueCounts counts;
    @Autowired
    org.parley.conversation.QueuePages pages;

    Queue queue;
    UUID me;
    List<UUID> expected;

    @BeforeEach
    void queueOfMoreThanTwoPages() {
        me = agentId(AGENT);
        String id = unique();
        Team paging = team.createTeam("Paging " + id, null);
        team.addMember(paging.getId(), me, false);
        queue = Queue.team(paging.getId());
        Instant start = Instant.parse("2021-03-01T10:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            // pairs share a timestamp, so the order must fall back to the id
            IngestResult r = ingest(Channel.EMAIL, "page-" + i + "-" + id + "@example.com", "Page " + i,
                    "Subject " + i, "Message " + i, start.plusSeconds(60L * (i / 2)));
            conversations.moveToTeam(Viewer.SYSTEM, r.conversationId(), paging.getId());
        }
        List<InboxRow> all = inbox.wholeQueueAtOffset(Viewer.SYSTEM, queue, me, 0, 1000);
        expected = all.stream().map(InboxRow::conversationId).toList();
        assertThat(expected).hasSize(ROWS).doesNotHaveDuplicates();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).lastActivityAt()).isBeforeOrEqualTo(all.get(i - 1).lastActivityAt());
        }
    }

    @Test
    void pagesContinueAfterTheLastRowOfThePageBefore() {
        QueueDataProvider rows = new QueueDataProvider(inbox, counts, pages, () -> access.viewerOf(me), queue);
        assertThat(rows.size(new Query<>())).isEqualTo(ROWS);

        List<UUID> fetched = new ArrayList<>();
        for (int offset = 0; offset < ROWS; offset += 50) {
            fetched.addAll(fetch(rows, offset, 50));
        }
        assertThat(fetched).isEqualTo(expected);
        assertThat(rows.keysetFetches()).isEqualTo(3);
        assertThat(rows.offsetFetches()).isZero();

        // a request inside known rows continues from the cursor before it
        assertThat(fetch(rows, 75, 10)).isEqualTo(expected.subList(75, 85));
        assertThat(rows.offsetFetches()).isZero();
        assertThat(rows.indexOf(expected.get(99))).hasValue(99);

        // after a refresh nothing is known: a jump falls back to the offset once, then keyset again
        rows.refreshAll();
        assertThat(fetch(rows, 60, 10)).isEqualTo(expected.subList(60, 70));
        assertThat(rows.offsetFetches()).isEqualTo(1);
        assertThat(fetch(rows, 70, 100)).isEqualTo(expected.subList(70, ROWS));
        assertThat(rows.offsetFetches()).isEqualTo(1);
        assertThat(rows.rowAt(ROWS - 1)).get().extracting(InboxRow::conversationId).isEqualTo(expected.getLast());
        assertThat(rows.rowAt(ROWS)).isEmpty();
    }

    @Test
    void theInboxGridShowsEveryRowOnceInOrder() {
        navigate(InboxView.class);
        test($(Button.class).id("queue-team-" + queue.teamId())).click();
        @SuppressWarnings("unchecked")
        Grid<InboxRow> grid = $(Grid.class).id("conversation-list");
        GridTester<Grid<InboxRow>, InboxRow> list = test(grid);
        assertThat(list.size()).isEqualTo(ROWS);
        List<UUID> shown = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            shown.add(list.getRow(i).conversationId());
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(new HashSet<>(shown)).hasSize(ROWS);
        QueueDataProvider rows = ((InboxView) getCurrentView()).rows();
        assertThat(rows.offsetFetches()).as("only keyset pages while scrolling down").isZero();
    }

    private static List<UUID> fetch(QueueDataProvider rows, int offset, int limit) {
        return rows.fetch(new Query<>(offset, limit, List.of(), null, null)).map(InboxRow::conversationId).toList();
    }
}
