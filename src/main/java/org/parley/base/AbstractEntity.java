package org.parley.base;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.util.Objects;
import java.util.UUID;

/**
 * An entity with an application-assigned UUIDv7 id and an optimistic-lock version. A null version
 * tells Spring Data that the entity is new, so saving it is a plain insert without a select.
 */
@MappedSuperclass
public abstract class AbstractEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id = Ids.newId();

    @Version
    @Column(name = "version")
    private Long version;

    public UUID getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        // ids are globally unique UUIDs, so no class comparison (which lazy proxies would break)
        return this == o || (o instanceof AbstractEntity other && Objects.equals(getId(), other.getId()));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
