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
 * An {@code /api/**} path that no endpoint serves answers {@code 404} in the API's JSON shape ({@code {"error",
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
}
