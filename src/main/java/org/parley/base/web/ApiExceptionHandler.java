package org.parley.base.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns refused input into a JSON answer with the reason ({@code {"error": ..., "details": [...]}}),
 * and logs one line per refusal so that an integration's mistakes can be found on the server too.
 */
@RestControllerAdvice(basePackages = "org.parley")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e, HttpServletRequest request) {
        return refuse(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(org.parley.base.ServiceBusyException.class)
    ResponseEntity<Map<String, Object>> busy(org.parley.base.ServiceBusyException e, HttpServletRequest request) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        log.debug("{} {} refused with 503: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(Map.of("error", e.getMessage(), "details", List.of()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<String> details = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .sorted()
                .toList();
        return refuse(HttpStatus.BAD_REQUEST, "invalid request body", details, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String cause = e.getMostSpecificCause().getMessage();
        if (cause != null && cause.length() > 300) {
            cause = cause.substring(0, 300) + "…";
        }
        return refuse(HttpStatus.BAD_REQUEST, "request body is not valid JSON of the expected shape",
                cause == null ? List.of() : List.of(cause), request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e, HttpServletRequest request) {
        return refuse(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json", List.of(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e, HttpServletRequest request) {
        return refuse(HttpStatus.NOT_FOUND, e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> conflict(ObjectOptimisticLockingFailureException e, HttpServletRequest request) {
        return refuse(HttpStatus.CONFLICT, "the record was changed by someone else; reload and retry", List.of(), request);
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden(Exception e, HttpServletRequest request) {
        return refuse(HttpStatus.FORBIDDEN, e.getMessage(), List.of(), request);
    }

    /**
     * Anything else is Parley's fault: a 500 in the same JSON shape (not the error page, which an API client
     * cannot read), with a reference to find the stack trace in the log. Spring's own exceptions (404, 405,
     * 413 …) keep their status.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse answer) {
            if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                throw e;
            }
            String reason = answer.getBody().getDetail() != null ? answer.getBody().getDetail()
                    : HttpStatus.valueOf(answer.getStatusCode().value()).getReasonPhrase();
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .body(Map.of("error", reason, "details", List.of()));
        }
        String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
        log.error("{} {} failed (reference {})", request.getMethod(), request.getRequestURI(), reference, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("error", "internal error (reference " + reference + ")", "details", List.of()));
    }

    private ResponseEntity<Map<String, Object>> refuse(HttpStatus status, String error, List<String> details,
            HttpServletRequest request) {
        log.info("{} {} refused with {}: {} {}", request.getMethod(), request.getRequestURI(), status.value(), error,
                details);
        return ResponseEntity.status(status).body(Map.of("error", error, "details", details));
    }
}
