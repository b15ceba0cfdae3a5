package io.launchcast.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problem types of the platform. Each has a stable {@code type} URI and a constant title; services add
 * their own the same way. The URIs name documentation pages (docs/problems.md), they are not fetched.
 */
public final class ProblemTypes {

    public static final String BASE = "https://launchcast.io/problems/";

    public static final URI VALIDATION = URI.create(BASE + "validation-error");
    public static final URI MALFORMED_BODY = URI.create(BASE + "malformed-body");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    public static final URI INTERNAL = URI.create(BASE + "internal-error");

    private ProblemTypes() {
    }

    /** A problem with the given type, status, constant title and human detail. */
    public static ProblemDetail problem(URI type, HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /**
     * What a handler throws when the resource a request names does not exist: answered as a 404 {@link #NOT_FOUND}
     * problem saying what is missing (an empty 404 tells a caller nothing, and is no problem document).
     */
    public static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                problem(NOT_FOUND, HttpStatus.NOT_FOUND, "Not found", detail), null);
    }
}
