package io.launchcast.forecast.registry;

import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Registry exceptions as problem details; consulted before the platform's catch-all. */
@RestControllerAdvice(assignableTypes = ModelsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryProblemAdvice {

    static final URI UNKNOWN_MODEL = URI.create(ProblemTypes.BASE + "unknown-model-version");
    static final URI NO_APPROVED_MODEL = URI.create(ProblemTypes.BASE + "no-approved-model");
    static final URI INVALID_DECISION = URI.create(ProblemTypes.BASE + "invalid-decision");

    @ExceptionHandler(UnknownModelVersionException.class)
    ProblemDetail unknown(UnknownModelVersionException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_MODEL, HttpStatus.NOT_FOUND, "Unknown model version",
                e.getMessage());
        problem.setProperty("group", e.group());
        problem.setProperty("version", e.version());
        return problem;
    }

    @ExceptionHandler(NoApprovedModelException.class)
    ProblemDetail noApproved(NoApprovedModelException e) {
        ProblemDetail problem = ProblemTypes.problem(NO_APPROVED_MODEL, HttpStatus.CONFLICT, "No approved model",
                e.getMessage());
        problem.setProperty("group", e.group());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemTypes.problem(INVALID_DECISION, HttpStatus.BAD_REQUEST, "Invalid registry request", e.getMessage());
    }
}
