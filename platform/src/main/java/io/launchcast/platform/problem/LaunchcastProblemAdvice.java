package io.launchcast.platform.problem;

import io.launchcast.platform.web.RequestBodyLimitFilter;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The shared RFC 9457 advice. Ordered last so that each service's own advice (for its domain exceptions) is
 * consulted first; this one then covers the framework's errors and, finally, anything unexpected.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class LaunchcastProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LaunchcastProblemAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(requestPath(e.getField(), violation(e)), e.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(requestPath(v.getPropertyPath().toString(), v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(RequestBodyLimitFilter.problem(tooLarge.max()));
            }
        }
        ProblemDetail problem = ProblemTypes.problem(ProblemTypes.MALFORMED_BODY, HttpStatus.BAD_REQUEST,
                "Malformed request body", describe(ex));
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new FieldError(jsonPath(databind), expected(databind))));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemTypes.problem(ProblemTypes.NOT_FOUND,
                HttpStatus.NOT_FOUND, "Not found", "No resource at " + ex.getHttpMethod() + " /" + ex.getResourcePath()));
    }

    /** Anything unexpected: log it with an id, answer with that id and nothing else. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected error {}", errorId, ex);
        ProblemDetail problem = ProblemTypes.problem(ProblemTypes.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error", "The request could not be completed. Quote error id " + errorId + " when reporting it.");
        problem.setProperty("errorId", errorId);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** What the request calls an object checked by a rule over several of its fields, at the top level. */
    static final String WHOLE_REQUEST = "(request)";

    private static ConstraintViolation<?> violation(org.springframework.validation.FieldError error) {
        return error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null;
    }

    /**
     * The path of a violation as the request spells it. A rule over several fields (an {@code @AssertTrue} method
     * such as {@code isOrdered()}) is reported by Bean Validation under the Java property the method's name makes
     * ({@code selector.ordered}), which is no field of the request: it is named by the object it checks
     * ({@code selector}), or {@value #WHOLE_REQUEST} at the top, and its message names the fields.
     */
    static String requestPath(String path, ConstraintViolation<?> violation) {
        if (violation == null || violation.getLeafBean() == null) {
            return path;
        }
        jakarta.validation.Path.Node leaf = null;
        for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
            leaf = node;
        }
        if (leaf == null || leaf.getKind() != jakarta.validation.ElementKind.PROPERTY
                || hasField(violation.getLeafBean().getClass(), leaf.getName())) {
            return path;
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? WHOLE_REQUEST : path.substring(0, dot);
    }

    private static boolean hasField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A validation problem listing every bad field. */
    public static ProblemDetail validationProblem(List<FieldError> errors) {
        ProblemDetail problem = ProblemTypes.problem(ProblemTypes.VALIDATION, HttpStatus.BAD_REQUEST,
                "Invalid request", errors.size() + " field(s) are invalid: "
                        + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind) {
            String path = jsonPath(databind);
            return path.isEmpty() ? "The body does not match the expected structure."
                    : "Field '" + path + "' " + expected(databind) + ".";
        }
        if (cause instanceof JacksonException jackson) {
            var location = jackson.getLocation();
            return location == null ? "The body is not valid JSON."
                    : "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").";
        }
        return "The request body is missing or unreadable.";
    }

    /**
     * What the field must be, in the API's words: Jackson's own message names Java types
     * ({@code java.time.LocalDate}, {@code DateTimeParseException}) and quotes the value back.
     */
    public static String expected(DatabindException ex) {
        if (ex instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            // a misspelt field is not a value of the wrong type: say so, with the fields there are
            java.util.Collection<Object> known = unknown.getKnownPropertyIds();
            return "is not a field of the request" + (known == null || known.isEmpty() ? ""
                    : "; its fields here: " + known.stream().map(String::valueOf).sorted().toList());
        }
        Class<?> type = ex instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                ? mismatch.getTargetType() : null;
        if (type == null) {
            return "has a value of the wrong type or form";
        }
        if (type == java.time.LocalDate.class) {
            return "must be a date of the form YYYY-MM-DD";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "must be a timestamp of the form 2026-01-31T12:00:00Z";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "must be an object of the documented structure";
    }

    /** Where in the document {@code ex} happened, as the API names fields ({@code products[0].launchDate}). */
    public static String jsonPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
