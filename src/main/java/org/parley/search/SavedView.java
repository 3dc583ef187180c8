package org.parley.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A search query and a sort an agent saved: their own, or shared with one of their teams. */
@Entity
@Table(name = "saved_view")
class SavedView extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 80)
    private String name;

    @Column(name = "query", nullable = false, length = 500)
    private String query;

    @Enumerated(EnumType.STRING)
    @Column(name = "sort", nullable = false, length = 20)
    private ConversationSearch.Sort sort;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    /** The team it is shared with; null: only its owner sees it. */
    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SavedView() {
    }

    SavedView(String name, String query, ConversationSearch.Sort sort, UUID ownerId, UUID teamId, Instant createdAt) {
        this.name = name;
        this.query = query;
        this.sort = sort;
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.createdAt = createdAt;
    }

    String getName() {
        return name;
    }

    String getQuery() {
        return query;
    }

    ConversationSearch.Sort getSort() {
        return sort;
    }

    UUID getOwnerId() {
        return ownerId;
    }

    UUID getTeamId() {
        return teamId;
    }
}
