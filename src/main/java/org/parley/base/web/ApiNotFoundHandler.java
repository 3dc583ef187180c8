package org.parley.base.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Refusals that happen before any controller runs answer in the API's JSON shape too. An {@code /api/**} path
 * that no endpoint serves answers {@code 404} in the API's JSON shape ({@code {"error",
 * "details"}}). Vaadin does not serve {@code /api/**} ({@code vaadin.exclude-urls}), so such a call creates no
 * session either. Not limited to Parley's controllers like {@link ApiExceptionHandler}: there is no controller.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiNotFoundHandler {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Map<String, Object>> notFound(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error",
                "no such endpoint: " + request.getMethod() + " " + request.getRequestURI(), "details", List.of()));
    }

    /**
     * Spring MVC's own refusals before any controller runs — a method the path does not take (405, with
     * {@code Allow}), a body type it does not read (415), an answer type it cannot give (406) — in the same JSON
     * shape as every other API error.
     */
    @ExceptionHandler(org.springframework.web.ErrorResponseException.class)
    ResponseEntity<Map<String, Object>> springRefusal(Exception e, HttpServletRequest request) throws Exception {
        return refusal(e, request);
    }

    @ExceptionHandler({org.springframework.web.HttpRequestMethodNotSupportedException.class,
        org.springframework.web.HttpMediaTypeNotSupportedException.class,
        org.springframework.web.HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<Map<String, Object>> mvcRefusal(Exception e, HttpServletRequest request) throws Exception {
        return refusal(e, request);
    }

    private static ResponseEntity<Map<String, Object>> refusal(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || !(e instanceof org.springframework.web.ErrorResponse answer)) {
            throw e;
        }
        String reason = switch (e) {
            case org.springframework.web.HttpRequestMethodNotSupportedException m -> request.getRequestURI()
                    + " does not take " + m.getMethod() + "; it takes " + m.getSupportedHttpMethods();
            case org.springframework.web.HttpMediaTypeNotSupportedException m -> "send the body as "
                    + (m.getSupportedMediaTypes().isEmpty() ? "application/json" : m.getSupportedMediaTypes().getFirst());
            default -> answer.getBody().getDetail() != null ? answer.getBody().getDetail()
                    : HttpStatus.valueOf(answer.getStatusCode().value()).getReasonPhrase();
        };
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .body(Map.of("error", reason, "details", List.of()));
    }
}
