package org.parley.base.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Driver settings for the statements Parley runs over and over. Connector/J's defaults parse every SQL string
 * again on each prepare and ask the server for session state the driver can track itself; H2 keeps only the last
 * eight statements of a connection parsed, fewer than one message's pipeline runs. The pool's connections get
 * the settings below unless the URL or {@code spring.datasource.hikari.data-source-properties} chose otherwise.
 */
@Component
class ConnectionTuning implements BeanPostProcessor {

    /**
     * HikariCP's recommendations for Connector/J (MySQL and MariaDB), except server-side prepared statements: on the
     * ingest benchmark they cost more than the client-side statement cache saves (MariaDB 10.11, 2 cores). And no
     * OpenTelemetry span per statement: whenever the OpenTelemetry API is on the class path (the tests' Selenium
     * brings it, so the benchmarks had it; an agent or a library may bring it in production) the driver's default
     * makes and closes a span for every statement (1 % of the ingest benchmark's profile) that Parley never exports.
     */
    static final Map<String, String> MYSQL = Map.ofEntries(
            Map.entry("cachePrepStmts", "true"),
            Map.entry("prepStmtCacheSize", "500"),
            Map.entry("prepStmtCacheSqlLimit", "4096"),
            Map.entry("useLocalSessionState", "true"),
            Map.entry("rewriteBatchedStatements", "true"),
            Map.entry("cacheResultSetMetadata", "true"),
            Map.entry("cacheServerConfiguration", "true"),
            Map.entry("elideSetAutoCommits", "true"),
            Map.entry("maintainTimeStats", "false"),
            Map.entry("openTelemetry", "DISABLED"));

    /** Parsed statements H2 keeps per connection (its default is 8). */
    static final Map<String, String> H2 = Map.of("QUERY_CACHE_SIZE", "512");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            String url = pool.getJdbcUrl();
            Map<String, String> settings = url.startsWith("jdbc:mysql:") ? MYSQL
                    : url.startsWith("jdbc:h2:") ? H2 : Map.of();
            settings.forEach((name, value) -> {
                if (!url.toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT) + "=")
                        && !pool.getDataSourceProperties().containsKey(name)) {
                    pool.addDataSourceProperty(name, value);
                }
            });
        }
        return bean;
    }
}
