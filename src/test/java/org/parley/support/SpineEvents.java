package org.parley.support;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The events a test's actions left on the event spine, read back from its table. */
public final class SpineEvents {

    private SpineEvents() {
    }

    public static <T> List<T> of(JdbcTemplate jdbc, JsonMapper json, Class<T> type) {
        return jdbc.queryForList("SELECT payload FROM domain_event WHERE event_type = ? ORDER BY seq", String.class,
                type.getName()).stream().map(payload -> json.readValue(payload, type)).toList();
    }
}
