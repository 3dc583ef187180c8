package org.parley.base.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.support.MySqlAvailable;

/** The pool's connections really run with the tuned driver settings, and a setting the URL chose wins. */
class ConnectionTuningTest {

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(1);
        return (HikariDataSource) new ConnectionTuning().postProcessAfterInitialization(pool, "dataSource");
    }

    @Test
    void h2KeepsMoreParsedStatementsPerConnection() throws SQLException {
        try (HikariDataSource pool = pool("jdbc:h2:mem:tuning-" + UUID.randomUUID());
                Connection connection = pool.getConnection();
                ResultSet setting = connection.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("512");
        }
    }

    @Test
    void aSettingInTheUrlIsKept() throws SQLException {
        try (HikariDataSource pool = pool("jdbc:h2:mem:tuning-" + UUID.randomUUID() + ";QUERY_CACHE_SIZE=16");
                Connection connection = pool.getConnection();
                ResultSet setting = connection.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1)).isEqualTo("16");
        }
        try (HikariDataSource pool = pool("jdbc:mysql://db.invalid:3306/parley?cachePrepStmts=false")) {
            assertThat(pool.getDataSourceProperties()).doesNotContainKey("cachePrepStmts")
                    .containsEntry("useLocalSessionState", "true");
        }
    }

    @Test
    void otherDriversAreLeftAlone() {
        try (HikariDataSource pool = pool("jdbc:postgresql://db.invalid/parley")) {
            assertThat(pool.getDataSourceProperties()).isEmpty();
        }
    }

    @Test
    @Tag("mysql")
    @ExtendWith(MySqlAvailable.class)
    void connectorJCachesParsedStatementsAndTracksSessionStateItself() throws SQLException {
        try (HikariDataSource pool = pool(MySqlAvailable.databaseUrl())) {
            pool.setUsername(MySqlAvailable.user());
            pool.setPassword(MySqlAvailable.password());
            try (Connection connection = pool.getConnection()) {
                var properties = connection.unwrap(JdbcConnection.class).getPropertySet();
                assertThat(properties.getBooleanProperty("cachePrepStmts").getValue()).isTrue();
                assertThat(properties.getBooleanProperty("useLocalSessionState").getValue()).isTrue();
                assertThat(properties.getIntegerProperty("prepStmtCacheSize").getValue()).isEqualTo(500);
                assertThat(connection.createStatement().executeQuery("SELECT 1").next()).isTrue();
            }
        }
    }
}
