package org.parley.base.persistence;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Values bound to plain JDBC statements as Hibernate's mapping stores them (ids as 16 bytes, instants in UTC). */
public final class JdbcValues {

    private JdbcValues() {
    }

    /** An id as its 16 bytes, as {@code preferred_uuid_jdbc_type: BINARY} keeps it. */
    public static byte[] binary(UUID id) {
        if (id == null) {
            return null;
        }
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    /** An instant as the UTC date-time the columns keep ({@code hibernate.jdbc.time_zone: UTC}). */
    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
