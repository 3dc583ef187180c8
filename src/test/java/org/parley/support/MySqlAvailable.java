package org.parley.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs MySQL/MariaDB test classes against the server at 127.0.0.1:3306 (or PARLEY_TEST_MYSQL_*),
 * on a database recreated once per test run. Without a server the classes are skipped with a
 * message, unless {@code -Dparley.test.require-mysql=true} (as in CI), where they fail.
 */
public class MySqlAvailable implements ExecutionCondition {

    /** One database per checkout lets several worktrees run the suite at once (PARLEY_TEST_MYSQL_DATABASE). */
    public static final String DATABASE = System.getenv().getOrDefault("PARLEY_TEST_MYSQL_DATABASE", "parley_it");
    private static final AtomicBoolean prepared = new AtomicBoolean();

    public static String serverUrl() {
        return System.getenv().getOrDefault("PARLEY_TEST_MYSQL_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    }

    public static String user() {
        return System.getenv().getOrDefault("PARLEY_TEST_MYSQL_USER", "root");
    }

    public static String password() {
        return System.getenv().getOrDefault("PARLEY_TEST_MYSQL_PASSWORD", "");
    }

    public static String databaseUrl() {
        return serverUrl() + DATABASE + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true";
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try {
            prepareOnce();
            return ConditionEvaluationResult.enabled("MySQL/MariaDB is reachable at " + serverUrl());
        } catch (SQLException e) {
            String reason = "MySQL/MariaDB is not reachable at " + serverUrl() + " as " + user() + ": " + e.getMessage();
            if (Boolean.getBoolean("parley.test.require-mysql")) {
                throw new IllegalStateException(reason + " (required: -Dparley.test.require-mysql=true)", e);
            }
            return ConditionEvaluationResult.disabled(reason + " — skipping the MySQL suite");
        }
    }

    private static synchronized void prepareOnce() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password())) {
            if (prepared.compareAndSet(false, true)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
                    statement.execute("CREATE DATABASE " + DATABASE
                            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
            }
        }
    }
}
