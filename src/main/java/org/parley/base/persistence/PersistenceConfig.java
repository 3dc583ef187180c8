package org.parley.base.persistence;

import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One schema for H2 and MySQL/MariaDB: the vendor's column types reach the portable migrations as
 * Flyway placeholders, and Hibernate is told the real MariaDB version (it would otherwise read
 * "5.5.5" and fall back to a dialect without {@code SKIP LOCKED}).
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfig {

    @Bean
    DatabaseVendor databaseVendor(DataSource dataSource) {
        return DatabaseVendor.of(dataSource);
    }

    @Bean
    FlywayConfigurationCustomizer vendorPlaceholders(DatabaseVendor vendor) {
        Map<String, String> placeholders = vendor.isMysqlFamily()
                ? Map.of("longtext", "MEDIUMTEXT", "timestamp", "DATETIME(6)", "blob", "LONGBLOB",
                        "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin")
                : Map.of("longtext", "CHARACTER VARYING(1000000)", "timestamp", "TIMESTAMP(6)", "blob", "BLOB",
                        "table_options", "");
        return configuration -> configuration.placeholders(placeholders);
    }

    @Bean
    HibernatePropertiesCustomizer mariaDbVersion(DatabaseVendor vendor) {
        return properties -> {
            if (vendor.kind() == DatabaseVendor.Kind.MARIADB) {
                properties.put("jakarta.persistence.database-product-name", "MariaDB");
                properties.put("jakarta.persistence.database-major-version", String.valueOf(vendor.major()));
                properties.put("jakarta.persistence.database-minor-version", String.valueOf(vendor.minor()));
            }
        };
    }
}
