package org.parley.base.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What database Parley talks to, read once from the connection. Through MySQL Connector/J a MariaDB
 * server reports itself as "MySQL 5.5.5-10.11.x-MariaDB"; {@code SELECT VERSION()} tells the truth.
 */
public record DatabaseVendor(Kind kind, int major, int minor) {

    public enum Kind {
        H2, MYSQL, MARIADB
    }

    public boolean isMysqlFamily() {
        return kind == Kind.MYSQL || kind == Kind.MARIADB;
    }

    public static DatabaseVendor of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            if (product.toLowerCase().contains("h2")) {
                return new DatabaseVendor(Kind.H2, meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion());
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
                rs.next();
                String version = rs.getString(1);
                boolean mariaDb = version.toLowerCase().contains("mariadb");
                String[] parts = version.replaceFirst("^5\\.5\\.5-", "").split("[.-]");
                return new DatabaseVendor(mariaDb ? Kind.MARIADB : Kind.MYSQL, Integer.parseInt(parts[0]),
                        Integer.parseInt(parts[1]));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database vendor: " + e.getMessage(), e);
        }
    }
}
