package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.NoApprovedModelException;
import io.launchcast.platform.problem.LaunchcastProblemAdvice;
import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Serving's domain errors as problems: bad fields listed one by one; no model yet, or one loading, is a 503. */
@RestControllerAdvice(assignableTypes = {ForecastController.class, InvocationsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServingProblemAdvice {

    static final URI MODEL_UNAVAILABLE = URI.create(ProblemTypes.BASE + "model-unavailable");

    @ExceptionHandler(InvalidForecastRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidForecastRequestException e) {
        return ResponseEntity.badRequest().body(LaunchcastProblemAdvice.validationProblem(e.errors()));
    }

    @ExceptionHandler(NoApprovedModelException.class)
    ResponseEntity<ProblemDetail> noModel(NoApprovedModelException e) {
        ProblemDetail problem = ProblemTypes.problem(MODEL_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "No model to serve", e.getMessage() + "; approve a model version (POST /models/{version}/approval)");
        problem.setProperty("group", e.group());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }

    @ExceptionHandler(ChampionLoadingException.class)
    ResponseEntity<ProblemDetail> loading(ChampionLoadingException e) {
        ProblemDetail problem = ProblemTypes.problem(MODEL_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "Model loading", e.getMessage() + " in place of the one serving before, which the heap could not"
                        + " hold beside it; try again shortly");
        problem.setProperty("group", e.group());
        problem.setProperty("loading", e.loading());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem);
    }
}
