package org.parley.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A whole Parley on a random port, with an in-memory H2 database (unless {@link MySqlTest} says
 * otherwise), no demo data, and the API token {@value #TOKEN}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=${parley.test.datasource-url:jdbc:h2:mem:parley-test;DB_CLOSE_DELAY=-1}",
    "spring.datasource.username=${parley.test.datasource-user:sa}",
    "spring.datasource.password=${parley.test.datasource-password:}",
    "parley.demo.enabled=false",
    // test contexts share one database: a context polling mailboxes another test class created would race it
    "parley.channels.email.polling-enabled=false",
    "parley.api.bootstrap-token=" + ParleySpringTest.TOKEN
})
public @interface ParleySpringTest {

    String TOKEN = "test-token-0123456789";
}
