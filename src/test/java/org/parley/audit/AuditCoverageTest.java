package org.parley.audit;

import org.parley.conversation.ConversationAccess.Viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.channel.social.SocialAccounts;
import org.parley.channel.social.SocialNetwork;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Priority;
import org.parley.customer.CustomerDirectory;
import org.parley.reply.CannedResponseInput;
import org.parley.reply.CannedResponseService;
import org.parley.reply.CannedResponseView;
import org.parley.reply.ResponseScope;
import org.parley.support.Inbound;
import org.parley.support.ParleySpringTest;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** The data-changing actions outside sign-in and customers leave their trace in the audit trail. */
@ParleySpringTest
class AuditCoverageTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    TeamDirectory team;
    @Autowired
    SocialAccounts socialAccounts;
    @Autowired
    CannedResponseService cannedResponses;
    @Autowired
    ConversationService conversations;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    PlatformTransactionManager transactions;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void teamChangesAreAudited() {
        Team created = team.createTeam("Audited " + run, "first");
        team.updateTeam(created.getId(), "Renamed " + run, "second");
        Agent agent = team.createAgent("member" + run, "Mia Member", null, "a-long-passphrase", EnumSet.of(Role.AGENT));
        team.addMember(created.getId(), agent.getId(), true);

        assertThat(actionsOn(created.getId())).containsExactly("team.created", "team.updated", "team.member.added");
        assertThat(entriesOn(created.getId()).get(1).getDetails()).isEqualTo("Audited " + run + " -> Renamed " + run);
    }

    @Test
    void connectingDisablingAndRemovingASocialAccountAreAudited() {
        UUID id = socialAccounts.connect(SocialNetwork.X, "acct" + run, "Brand " + run, "token-" + run).id();
        socialAccounts.setEnabled(id, false);
        socialAccounts.remove(id);

        assertThat(actionsOn(id)).containsExactly("social.account.connected", "social.account.disabled",
                "social.account.removed");
        assertThat(entriesOn(id)).allSatisfy(e -> assertThat(e.getDetails()).doesNotContain("token-" + run));
    }

    @Test
    void cannedResponseChangesAreAudited() {
        Agent admin = team.createAgent("admin" + run, "Ada Admin", null, "a-long-passphrase", EnumSet.of(Role.ADMIN));
        CannedResponseView created = cannedResponses.create(admin.getId(), new CannedResponseInput("Thanks " + run,
                "thanks" + run, "Thank you!", null, null, List.of(), ResponseScope.GLOBAL, null, null, null));
        cannedResponses.update(admin.getId(), created.id(), new CannedResponseInput("Thanks again " + run,
                "thanks" + run, "Thank you again!", null, null, List.of(), ResponseScope.GLOBAL, null, null, null));
        cannedResponses.delete(admin.getId(), created.id());

        assertThat(actionsOn(created.id())).containsExactly("canned_response.created", "canned_response.updated",
                "canned_response.deleted");
    }

    @Test
    void priorityAndTagChangesAreAudited() {
        UUID conversation = Inbound.write(transactions, customers, conversations, "audit-" + run + "@example.com",
                "Help", "Please help", null, Instant.now());
        conversations.setPriority(Viewer.SYSTEM, conversation, Priority.URGENT);
        conversations.setTags(Viewer.SYSTEM, conversation, List.of("billing"));
        conversations.setTags(Viewer.SYSTEM, conversation, List.of("billing"));

        List<AuditEntry> entries = entriesOn(conversation);
        assertThat(entries).extracting(AuditEntry::getAction).containsExactly("conversation.priority", "conversation.tags");
        assertThat(entries).extracting(AuditEntry::getDetails).containsExactly("NORMAL -> URGENT", "[] -> [billing]");
    }

    private List<String> actionsOn(UUID subject) {
        return entriesOn(subject).stream().map(AuditEntry::getAction).toList();
    }

    private List<AuditEntry> entriesOn(UUID subject) {
        return audit.forSubject(subject).stream()
                .sorted(java.util.Comparator.comparing(AuditEntry::getOccurredAt).thenComparing(AuditEntry::getId)).toList();
    }
}
