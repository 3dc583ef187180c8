package org.parley.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.parley.base.events.SpineProperties;
import org.parley.support.MySqlAvailable;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Where a benchmark's Parley keeps its data: the database it was asked for, and the search index as in production. */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    /**
     * With {@code -Dparley.bench.database=mysql}: the MySQL/MariaDB test server, database {@code database} (or
     * {@code -Dparley.bench.mysql-database}), created if missing — or dropped and created empty with
     * {@code -Dparley.bench.fresh-database=true}, so that runs compared with each other do the same work (each run
     * leaves its messages behind, and a later run of the same code on the larger tables is slower). Answers whether
     * it used MySQL/MariaDB.
     */
    public static boolean mysqlIfAsked(DynamicPropertyRegistry registry, String database) {
        if (!"mysql".equalsIgnoreCase(System.getProperty("parley.bench.database"))) {
            return false;
        }
        String name = System.getProperty("parley.bench.mysql-database", database);
        if (Boolean.getBoolean("parley.bench.fresh-database")) {
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("not a plain database name: " + name);
            }
            try (Connection c = DriverManager.getConnection(MySqlAvailable.serverUrl(), MySqlAvailable.user(),
                    MySqlAvailable.password()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not create an empty database " + name, e);
            }
        }
        registry.add("spring.datasource.url", () -> MySqlAvailable.serverUrl()
                + name
                + "?createDatabaseIfNotExist=true&rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true");
        registry.add("spring.datasource.username", MySqlAvailable::user);
        registry.add("spring.datasource.password", MySqlAvailable::password);
        return true;
    }

    /** The event spine as in production: subscribers linger after applying events (the tests turn that off). */
    public static void spineAsInProduction(DynamicPropertyRegistry registry) {
        registry.add("parley.events.linger", () -> SpineProperties.DEFAULT_LINGER.toMillis() + "ms");
    }

    /** The search index as in production: on disk, each commit written through (the tests keep it in memory). */
    public static void searchIndexOnDisk(DynamicPropertyRegistry registry) {
        registry.add("spring.jpa.properties.hibernate.search.backend.directory.type", () -> "local-filesystem");
        registry.add("spring.jpa.properties.hibernate.search.backend.directory.root",
                () -> "target/bench/search-index-" + Long.toString(System.nanoTime(), 36));
        registry.add("spring.jpa.properties.hibernate.search.indexing.plan.synchronization.strategy", () -> "write-sync");
    }
}
