package org.parley.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.TestPropertySource;

/** Runs a Spring test class on the MySQL/MariaDB test database instead of H2. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("mysql")
@ExtendWith(MySqlAvailable.class)
@TestPropertySource(properties = {
    "parley.test.datasource-url=${PARLEY_TEST_MYSQL_URL:jdbc:mysql://127.0.0.1:3306/${PARLEY_TEST_MYSQL_DATABASE:parley_it}"
            + "?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true}",
    "parley.test.datasource-user=${PARLEY_TEST_MYSQL_USER:root}",
    "parley.test.datasource-password=${PARLEY_TEST_MYSQL_PASSWORD:}"
})
public @interface MySqlTest {
}
