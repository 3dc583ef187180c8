package org.parley.sla.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.parley.base.AbstractEntity;

/** A stored SLA policy; {@code definition} is its {@link org.parley.sla.PolicySpec} as JSON. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "calendar_id", nullable = false)
    private UUID calendarId;

    @Column(name = "definition", nullable = false, length = 65535)
    private String definition;

    protected SlaPolicy() {
    }

    public SlaPolicy(String name, UUID calendarId, String definition) {
        this.name = name;
        this.calendarId = calendarId;
        this.definition = definition;
    }

    public String getName() {
        return name;
    }

    public UUID getCalendarId() {
        return calendarId;
    }

    public String getDefinition() {
        return definition;
    }

    public void update(String name, UUID calendarId, String definition) {
        this.name = name;
        this.calendarId = calendarId;
        this.definition = definition;
    }
}
