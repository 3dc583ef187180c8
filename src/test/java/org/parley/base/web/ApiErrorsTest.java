package org.parley.base.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An API client always gets JSON it can read: a failure inside Parley is a 500 with a reason, not a login page. */
@ParleySpringTest
class ApiErrorsTest {

    @LocalServerPort
    int port;

    @TestConfiguration
    static class FailingEndpoint {

        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    @RestController
    static class Failing {

        @GetMapping("/api/v1/test/failure")
        String fail() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void anUnexpectedFailureIsA500WithAJsonReason() {
        ApiClient.Response response = new ApiClient(port, ParleySpringTest.TOKEN).get("/api/v1/test/failure");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("error").asString()).startsWith("internal error (reference ");
    }

    @Test
    void springsOwnRefusalsKeepTheirStatus() {
        ApiClient api = new ApiClient(port, ParleySpringTest.TOKEN);

        assertThat(api.post("/api/v1/test/failure", "{}").status()).isEqualTo(405);
    }
}
