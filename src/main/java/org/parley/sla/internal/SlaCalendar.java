package org.parley.sla.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.parley.base.AbstractEntity;

/** A stored business-hours calendar; {@code definition} is its {@link org.parley.sla.CalendarSpec} as JSON. */
@Entity
@Table(name = "sla_calendar")
public class SlaCalendar extends AbstractEntity {

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Column(name = "definition", nullable = false, length = 65535)
    private String definition;

    protected SlaCalendar() {
    }

    public SlaCalendar(String name, String definition) {
        this.name = name;
        this.definition = definition;
    }

    public String getName() {
        return name;
    }

    public String getDefinition() {
        return definition;
    }

    public void update(String name, String definition) {
        this.name = name;
        this.definition = definition;
    }
}
