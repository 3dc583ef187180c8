package org.parley.reply;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.channel.InboundMessage;
import org.parley.channel.IngestResult;
import org.parley.channel.IngestionService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.ConversationView;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.support.ParleySpringTest;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@ParleySpringTest
class CannedResponseServiceTest {

    @Autowired
    CannedResponseService responses;
    @Autowired
    TeamDirectory team;
    @Autowired
    IngestionService ingestion;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;

    private String run;
    private UUID agent;
    private UUID colleague;
    private UUID outsider;
    private UUID lead;
    private UUID admin;
    private Team support;

    @BeforeEach
    void people() {
        run = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36);
        agent = create("agent", "Amy Agent", Role.AGENT);
        colleague = create("colleague", "Cole League", Role.AGENT);
        outsider = create("outsider", "Otis Outsider", Role.AGENT);
        lead = create("lead", "Lee Lead", Role.LEAD);
        admin = create("admin", "Ada Admin", Role.ADMIN);
        support = team.createTeam("Support " + run, null);
        team.addMember(support.getId(), agent, false);
        team.addMember(support.getId(), colleague, false);
        team.addMember(support.getId(), lead, true);
    }

    private UUID create(String name, String display, Role role) {
        return team.createAgent(name + "-" + run, display, name + "-" + run + "@parley.test", "secret-password",
                EnumSet.of(role)).getId();
    }

    private static CannedResponseInput input(String shortcut, ResponseScope scope, UUID teamId, String body) {
        return new CannedResponseInput("Title " + shortcut, shortcut, body, null, "folder", List.of("Tag"), scope,
                teamId, null, Macro.NONE);
    }

    @Test
    void personalResponsesBelongToTheirOwnerAlone() {
        CannedResponseView mine = responses.create(agent, input("mine", ResponseScope.PERSONAL, null, "Hi"));
        assertThat(mine.ownerAgentId()).isEqualTo(agent);
        assertThat(mine.tags()).containsExactly("tag");
        assertThat(responses.visibleTo(agent)).extracting(CannedResponseView::id).contains(mine.id());
        assertThat(responses.visibleTo(colleague)).extracting(CannedResponseView::id).doesNotContain(mine.id());
        assertThat(responses.visibleTo(admin)).extracting(CannedResponseView::id).doesNotContain(mine.id());
        assertThatThrownBy(() -> responses.update(colleague, mine.id(), input("x", null, null, "Changed")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> responses.create(agent, new CannedResponseInput("t", "for-cole", "b", null, null,
                null, ResponseScope.PERSONAL, null, colleague, null))).isInstanceOf(AccessDeniedException.class);
        responses.delete(agent, mine.id());
        assertThat(responses.visibleTo(agent)).extracting(CannedResponseView::id).doesNotContain(mine.id());
    }

    @Test
    void teamResponsesAreUsedByMembersAndManagedByLeadsAndAdmins() {
        assertThatThrownBy(() -> responses.create(agent, input("t1", ResponseScope.TEAM, support.getId(), "Hi")))
                .isInstanceOf(AccessDeniedException.class);
        CannedResponseView t = responses.create(lead, input("t1", ResponseScope.TEAM, support.getId(), "Hi"));
        assertThat(responses.visibleTo(agent)).extracting(CannedResponseView::id).contains(t.id());
        assertThat(responses.visibleTo(outsider)).extracting(CannedResponseView::id).doesNotContain(t.id());
        assertThat(responses.canManage(agent, t.id())).isFalse();
        assertThat(responses.canManage(lead, t.id())).isTrue();
        assertThatThrownBy(() -> responses.delete(agent, t.id())).isInstanceOf(AccessDeniedException.class);
        CannedResponseView edited = responses.update(admin, t.id(), input("t1b", null, null, "Hello"));
        assertThat(edited.scope()).isEqualTo(ResponseScope.TEAM);
        assertThat(edited.shortcut()).isEqualTo("t1b");
        assertThat(responses.manageableTeams(lead)).extracting(Team::getId).containsExactly(support.getId());
        assertThat(responses.manageableTeams(agent)).isEmpty();
    }

    @Test
    void globalResponsesAreManagedByAdminsOnly_shortcutsAreUniquePerScope_andInputIsValidated() {
        String sc = "g" + run;
        assertThatThrownBy(() -> responses.create(lead, input(sc, ResponseScope.GLOBAL, null, "Hi")))
                .isInstanceOf(AccessDeniedException.class);
        CannedResponseView g = responses.create(admin, input(sc, ResponseScope.GLOBAL, null, "Hi"));
        assertThat(responses.visibleTo(outsider)).extracting(CannedResponseView::id).contains(g.id());
        assertThatThrownBy(() -> responses.create(admin, input(sc, ResponseScope.GLOBAL, null, "Again")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("taken");
        // the same shortcut in a personal scope is fine
        responses.create(agent, input(sc, ResponseScope.PERSONAL, null, "Mine"));
        assertThatThrownBy(() -> responses.create(agent, input("bad shortcut", ResponseScope.PERSONAL, null, "x")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> responses.create(agent, input("typo", ResponseScope.PERSONAL, null,
                "Hi {{customer.frist_name}}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("customer.frist_name");
        assertThatThrownBy(() -> responses.create(agent, input("empty", ResponseScope.PERSONAL, null, " ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("body");
    }

    @Test
    void renderingFillsTheConversationsCustomerAgentAndTeam_andUsesTheShortVariantOnShortChannels() {
        IngestResult in = ingestion.ingest(new InboundMessage(Channel.X, "x-" + run, new InboundMessage.Sender(
                Channel.X, "@ann" + run, "Ann Smith"), null, "help", null, null, null, null, Instant.now()));
        customers.setAttribute(in.customerId(), "plan", "Gold");
        conversations.moveToTeam(Viewer.SYSTEM, in.conversationId(), support.getId());
        String longBody = "Dear {{customer.first_name}} on {{customer.attr.plan}}, " + "x".repeat(300)
                + " {{agent.first_name}} of {{team.name}} re {{conversation.id}} {{customer.attr.tier}}";
        CannedResponseView r = responses.create(agent, new CannedResponseInput("Long", "long", longBody,
                "Hi {{customer.first_name}}, {{agent.first_name}} here", null, null, ResponseScope.PERSONAL, null,
                null, null));
        Variables.Rendering onEmail = responses.render(agent, r.id(), in.conversationId(), Channel.EMAIL);
        assertThat(onEmail.text()).startsWith("Dear Ann on Gold, ")
                .endsWith(" Amy of Support " + run + " re " + in.conversationId() + " {{customer.attr.tier}}");
        assertThat(onEmail.missing()).containsExactly("customer.attr.tier");
        Variables.Rendering onX = responses.render(agent, r.id(), in.conversationId(), Channel.X);
        assertThat(onX.text()).isEqualTo("Hi Ann, Amy here");
        assertThat(onX.complete()).isTrue();
    }

    @Test
    void usingAResponseCountsItPerAgentAndRunsItsMacro() {
        IngestResult in = ingestion.ingest(new InboundMessage(Channel.EMAIL, "m-" + run, new InboundMessage.Sender(
                Channel.EMAIL, "mac-" + run + "@example.com", "Mac"), "Refund", "refund please", null, null, null,
                null, Instant.now()));
        conversations.setTags(Viewer.SYSTEM, in.conversationId(), List.of("existing"));
        CannedResponseView r = responses.create(agent, new CannedResponseInput("Refund", "refund", "Refunded.", null,
                null, null, ResponseScope.PERSONAL, null, null, new Macro(ConversationStatus.RESOLVED, Priority.HIGH,
                        List.of("Refund"), Macro.Assign.SELF)));
        responses.use(agent, r.id(), in.conversationId());
        ConversationView c = conversations.get(Viewer.SYSTEM, in.conversationId());
        assertThat(c.status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(c.priority()).isEqualTo(Priority.HIGH);
        assertThat(c.tags()).containsExactly("existing", "refund");
        assertThat(c.assigneeId()).isEqualTo(agent);

        responses.use(agent, r.id(), null);
        CannedResponseView used = responses.get(agent, r.id());
        assertThat(used.timesUsed()).isEqualTo(2);
        assertThat(used.lastUsedBy()).isEqualTo(agent);
        assertThat(used.lastUsedAt()).isNotNull();
        assertThat(responses.usage(agent, r.id())).singleElement().satisfies(u -> {
            assertThat(u.agentName()).isEqualTo("Amy Agent");
            assertThat(u.timesUsed()).isEqualTo(2);
        });
        assertThatThrownBy(() -> responses.use(outsider, r.id(), null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void csvRoundTripRecreatesTheResponsesAndAnImportOfTheSameFileUpdates() {
        responses.create(lead, new CannedResponseInput("Team, \"quoted\"", "tq", "Line 1\nLine 2 {{customer.name}}",
                "short", "Billing", List.of("a", "b"), ResponseScope.TEAM, support.getId(), null,
                new Macro(ConversationStatus.PENDING, null, List.of("x"), Macro.Assign.NOBODY)));
        responses.create(lead, input("p1", ResponseScope.PERSONAL, null, "Mine"));
        String csv = responses.exportCsv(lead);
        assertThat(csv).startsWith(String.join(",", CannedResponseService.CSV_HEADER));

        // another lead of a fresh team imports the file: the team row needs a team the importer leads
        UUID other = create("lead2", "Leo Two", Role.LEAD);
        assertThatThrownBy(() -> responses.importCsv(other, new StringReader(csv)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("line ");
        assertThat(responses.visibleTo(other)).isEmpty();

        // the lead deletes both and imports the export: same content again
        responses.visibleTo(lead).stream().filter(r -> responses.canManage(lead, r.id()))
                .forEach(r -> responses.delete(lead, r.id()));
        CannedResponseService.ImportResult first = responses.importCsv(lead, new StringReader(csv));
        assertThat(first).isEqualTo(new CannedResponseService.ImportResult(2, 0));
        CannedResponseView tq = responses.visibleTo(lead).stream().filter(r -> r.shortcut().equals("tq")).findFirst()
                .orElseThrow();
        assertThat(tq.title()).isEqualTo("Team, \"quoted\"");
        assertThat(tq.body()).isEqualTo("Line 1\nLine 2 {{customer.name}}");
        assertThat(tq.shortBody()).isEqualTo("short");
        assertThat(tq.folder()).isEqualTo("Billing");
        assertThat(tq.tags()).containsExactly("a", "b");
        assertThat(tq.scope()).isEqualTo(ResponseScope.TEAM);
        assertThat(tq.teamId()).isEqualTo(support.getId());
        assertThat(tq.macro()).isEqualTo(new Macro(ConversationStatus.PENDING, null, List.of("x"), Macro.Assign.NOBODY));
        assertThat(responses.exportCsv(lead)).isEqualTo(csv);
        assertThat(responses.importCsv(lead, new StringReader(csv)))
                .isEqualTo(new CannedResponseService.ImportResult(0, 2));

        assertThatThrownBy(() -> responses.importCsv(lead, new StringReader("title,shortcut,body\nA,a b,c\n")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("line 2:");
        assertThatThrownBy(() -> responses.importCsv(lead, new StringReader("name,text\nA,b\n")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("title");
    }
}
