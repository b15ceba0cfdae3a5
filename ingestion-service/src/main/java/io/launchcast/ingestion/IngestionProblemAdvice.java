package io.launchcast.ingestion;

import io.launchcast.ingestion.curated.UnknownDatasetException;
import io.launchcast.ingestion.mapping.InvalidMappingException;
import io.launchcast.ingestion.mapping.UnknownMappingException;
import io.launchcast.ingestion.run.IncompleteInputException;
import io.launchcast.ingestion.run.InvalidInputException;
import io.launchcast.ingestion.run.RunNotRetryableException;
import io.launchcast.ingestion.run.UnknownRunException;
import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 answers for the ingestion service's own exceptions; the platform advice covers the rest. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestionProblemAdvice {

    static final URI UNKNOWN_MAPPING = URI.create(ProblemTypes.BASE + "unknown-mapping");
    static final URI INVALID_INPUT = URI.create(ProblemTypes.BASE + "invalid-input");
    static final URI INCOMPLETE_INPUT = URI.create(ProblemTypes.BASE + "incomplete-input");
    static final URI RUN_NOT_RETRYABLE = URI.create(ProblemTypes.BASE + "run-not-retryable");
    static final URI INVALID_MAPPING = URI.create(ProblemTypes.BASE + "invalid-mapping");

    /** A mapping that cannot be used: every problem, each naming its key and line. */
    @ExceptionHandler(InvalidMappingException.class)
    ResponseEntity<ProblemDetail> invalidMapping(InvalidMappingException e) {
        ProblemDetail problem = ProblemTypes.problem(INVALID_MAPPING, HttpStatus.UNPROCESSABLE_CONTENT,
                "Invalid mapping", e.problems().size() + " problem(s) in mapping " + e.mapping()
                        + "; nothing was changed");
        problem.setProperty("mapping", e.mapping());
        problem.setProperty("problems", e.problems());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(UnknownMappingException.class)
    ResponseEntity<ProblemDetail> unknownMapping(UnknownMappingException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_MAPPING, HttpStatus.UNPROCESSABLE_CONTENT,
                "Unknown mapping", e.getMessage());
        problem.setProperty("mapping", e.mapping());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return ResponseEntity.unprocessableContent().body(ProblemTypes.problem(INVALID_INPUT,
                HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", e.getMessage()));
    }

    @ExceptionHandler(IncompleteInputException.class)
    ResponseEntity<ProblemDetail> incompleteInput(IncompleteInputException e) {
        ProblemDetail problem = ProblemTypes.problem(INCOMPLETE_INPUT, HttpStatus.UNPROCESSABLE_CONTENT,
                "Incomplete input", e.getMessage());
        problem.setProperty("missingSources", e.missingSources());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(UnknownRunException.class)
    ResponseEntity<ProblemDetail> unknownRun(UnknownRunException e) {
        ProblemDetail problem = ProblemTypes.problem(ProblemTypes.NOT_FOUND, HttpStatus.NOT_FOUND, "Not found",
                e.getMessage());
        problem.setProperty("runId", e.runId());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(RunNotRetryableException.class)
    ResponseEntity<ProblemDetail> runNotRetryable(RunNotRetryableException e) {
        ProblemDetail problem = ProblemTypes.problem(RUN_NOT_RETRYABLE, HttpStatus.CONFLICT, "Run not retryable",
                e.getMessage());
        problem.setProperty("runId", e.runId());
        problem.setProperty("state", e.state().name());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(UnknownDatasetException.class)
    ResponseEntity<ProblemDetail> unknownDataset(UnknownDatasetException e) {
        ProblemDetail problem = ProblemTypes.problem(ProblemTypes.NOT_FOUND, HttpStatus.NOT_FOUND, "Not found",
                e.getMessage());
        problem.setProperty("dataset", e.dataset());
        if (e.version() != null) {
            problem.setProperty("version", e.version());
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
