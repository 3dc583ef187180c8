package org.parley.base.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.parley.support.ApiClient;
import org.parley.support.ParleySpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description at {@code /v3/api-docs} lists every {@code /api/**} endpoint Spring serves, each method
 * of it, with the errors in the API's one shape; Swagger UI is not for anonymous visitors.
 */
@ParleySpringTest
class OpenApiDescriptionTest {

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiMappingIsDescribedWithItsErrors() {
        ApiClient.Response docs = new ApiClient(port, null).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/")).forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(m -> served.add(m.name() + " " + pattern))));
        assertThat(served).as("the API serves something").hasSizeGreaterThan(30);

        Set<String> described = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> described.add(
                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(described).containsAll(served);

        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode responses = op.getValue().path("responses");
            for (String status : new String[] {"400", "401", "403", "404", "429", "500"}) {
                assertThat(responses.path(status).path("content").path("application/json").path("schema")
                        .path("$ref").asString()).as("%s %s answers %s", op.getKey(), path.getKey(), status)
                        .isEqualTo("#/components/schemas/Error");
            }
        }));
        assertThat(docs.json().path("components").path("securitySchemes").path("token").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsForSignedInAdminsOnly() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(302, 401, 403);
        assertThat(anonymous.body()).doesNotContain("swagger-ui-bundle");
    }
}
