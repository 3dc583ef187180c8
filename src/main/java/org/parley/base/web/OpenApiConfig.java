package org.parley.base.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI 3 description ({@code /v3/api-docs}, generated from the controllers): bearer tokens,
 * and on every operation the errors every endpoint can answer, all in the one shape {@code {"error", "details"}}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final Map<String, String> ERRORS = Map.of(
            "400", "the request is malformed: the reason is in error",
            "401", "no valid API token (Authorization: Bearer ...)",
            "403", "the token's scopes or the agent's role do not allow this",
            "404", "no such record, or one the token's agent may not see (the same answer)",
            "429", "the token's rate limit is used up: try again after Retry-After seconds",
            "500", "Parley failed: the error names a reference to find in the server log");

    @Bean
    OpenAPI parleyOpenApi() {
        Schema<?> error = new ObjectSchema().addProperty("error", new StringSchema().description("why, for a person"))
                .addProperty("details", new ArraySchema().items(new StringSchema()).description("field by field"));
        return new OpenAPI()
                .info(new Info().title("Parley REST API").version("v1").description(
                        "Ingest messages, read and act on conversations and customers as an agent, manage rules, SLA"
                                + " policies and tokens. Every error answers {\"error\", \"details\"}."))
                .components(new Components().addSchemas("Error", error).addSecuritySchemes("token",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("an API token (Admin > API tokens, or POST /api/v1/tokens)")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }

    @Bean
    OpenApiCustomizer standardErrors() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> ERRORS
                .forEach((status, meaning) -> {
                    if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(meaning)
                                .content(new Content().addMediaType("application/json",
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Error")))));
                    }
                })));
    }
}
