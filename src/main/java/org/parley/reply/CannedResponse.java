package org.parley.reply;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A canned response: title, shortcut, body with variables, an optional short variant and macro actions. */
@Entity
@Table(name = "canned_response")
class CannedResponse extends AbstractEntity {

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "shortcut", nullable = false, length = 60)
    private String shortcut;

    @Column(name = "body", nullable = false, length = 65535)
    private String body;

    @Column(name = "short_body", length = 2000)
    private String shortBody;

    @Column(name = "folder", length = 100)
    private String folder;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false, length = 20)
    private ResponseScope scope;

    @Column(name = "scope_key", nullable = false, length = 50)
    private String scopeKey;

    @Column(name = "owner_agent_id")
    private UUID ownerAgentId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "macro_status", length = 20)
    private String macroStatus;

    @Column(name = "macro_priority", length = 20)
    private String macroPriority;

    @Column(name = "macro_tags", length = 500)
    private String macroTags;

    @Column(name = "macro_assign", length = 20)
    private String macroAssign;

    @ElementCollection
    @CollectionTable(name = "canned_response_tag", joinColumns = @JoinColumn(name = "response_id"))
    @Column(name = "tag", length = 60)
    private Set<String> tags = new TreeSet<>();

    @Column(name = "times_used", nullable = false)
    private long timesUsed;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "last_used_by")
    private UUID lastUsedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CannedResponse() {
    }

    CannedResponse(ResponseScope scope, UUID ownerAgentId, UUID teamId, Instant now) {
        this.scope = scope;
        this.ownerAgentId = scope == ResponseScope.PERSONAL ? ownerAgentId : null;
        this.teamId = scope == ResponseScope.TEAM ? teamId : null;
        this.scopeKey = scopeKey(scope, this.ownerAgentId, this.teamId);
        this.createdAt = now;
        this.updatedAt = now;
    }

    static String scopeKey(ResponseScope scope, UUID ownerAgentId, UUID teamId) {
        return switch (scope) {
            case GLOBAL -> "GLOBAL";
            case TEAM -> "TEAM:" + teamId;
            case PERSONAL -> "PERSONAL:" + ownerAgentId;
        };
    }

    void update(CannedResponseInput in, Instant now) {
        this.title = in.title();
        this.shortcut = in.shortcut();
        this.body = in.body();
        this.shortBody = in.shortBody();
        this.folder = in.folder();
        this.tags.clear();
        this.tags.addAll(in.tags());
        Macro m = in.macro();
        this.macroStatus = m.status() == null ? null : m.status().name();
        this.macroPriority = m.priority() == null ? null : m.priority().name();
        this.macroTags = m.addTags().isEmpty() ? null : String.join(",", m.addTags());
        this.macroAssign = m.assign() == null ? null : m.assign().name();
        this.updatedAt = now;
    }

    void used(UUID agentId, Instant at) {
        timesUsed++;
        lastUsedAt = at;
        lastUsedBy = agentId;
    }

    String getTitle() {
        return title;
    }

    String getShortcut() {
        return shortcut;
    }

    String getBody() {
        return body;
    }

    String getShortBody() {
        return shortBody;
    }

    String getFolder() {
        return folder;
    }

    ResponseScope getScope() {
        return scope;
    }

    String getScopeKey() {
        return scopeKey;
    }

    UUID getOwnerAgentId() {
        return ownerAgentId;
    }

    UUID getTeamId() {
        return teamId;
    }

    String getMacroStatus() {
        return macroStatus;
    }

    String getMacroPriority() {
        return macroPriority;
    }

    String getMacroTags() {
        return macroTags;
    }

    String getMacroAssign() {
        return macroAssign;
    }

    Set<String> getTags() {
        return tags;
    }

    long getTimesUsed() {
        return timesUsed;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    UUID getLastUsedBy() {
        return lastUsedBy;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
