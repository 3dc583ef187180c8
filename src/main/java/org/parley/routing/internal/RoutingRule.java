package org.parley.routing.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** A stored routing rule; {@code definition} is its {@link org.parley.routing.RuleSpec} as JSON. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "definition", nullable = false, length = 65535)
    private String definition;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RoutingRule() {
    }

    public RoutingRule(String name, int position, boolean enabled, String definition, Instant at) {
        this.name = name;
        this.position = position;
        this.enabled = enabled;
        this.definition = definition;
        this.updatedAt = at;
    }

    public String getName() {
        return name;
    }

    public int getPosition() {
        return position;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getDefinition() {
        return definition;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void update(String name, boolean enabled, String definition, Instant at) {
        this.name = name;
        this.enabled = enabled;
        this.definition = definition;
        this.updatedAt = at;
    }

    public void moveTo(int position, Instant at) {
        this.position = position;
        this.updatedAt = at;
    }
}
