package io.launchcast.forecast.batch;

import io.launchcast.platform.problem.FieldError;
import io.launchcast.platform.problem.LaunchcastProblemAdvice;
import io.launchcast.platform.problem.ProblemTypes;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Batch forecasts: start a job over an object of products, follow its state, percent done, rate and ETA. */
@RestController
@RequestMapping("/batch-forecasts")
class BatchForecastsController {

    static final URI UNKNOWN_JOB = URI.create(ProblemTypes.BASE + "unknown-batch-forecast");
    static final URI NOT_RETRYABLE = URI.create(ProblemTypes.BASE + "batch-forecast-not-retryable");

    private final BatchForecastRunner runner;

    BatchForecastsController(BatchForecastRunner runner) {
        this.runner = runner;
    }

    @PostMapping
    ResponseEntity<BatchForecastJob> start(@Valid @RequestBody BatchForecastRequest request) {
        BatchForecastJob job = runner.submit(request);
        return ResponseEntity.accepted().location(URI.create("/batch-forecasts/" + job.id())).body(job);
    }

    @GetMapping
    List<BatchForecastJob> list() {
        return runner.list();
    }

    @GetMapping("/{id}")
    BatchForecastJob get(@PathVariable String id) {
        return runner.find(id).orElseThrow(() -> new UnknownJobException(id));
    }

    /** Runs a failed job again; the parts it wrote are kept. 409 when the job is not FAILED. */
    @PostMapping("/{id}/retry")
    ResponseEntity<BatchForecastJob> retry(@PathVariable String id) {
        try {
            BatchForecastJob job = runner.retry(id);
            return ResponseEntity.accepted().location(URI.create("/batch-forecasts/" + job.id())).body(job);
        } catch (java.util.NoSuchElementException e) {
            throw new UnknownJobException(id);
        }
    }

    @ExceptionHandler(BatchForecastRunner.NotRetryableException.class)
    ProblemDetail notRetryable(BatchForecastRunner.NotRetryableException e) {
        return ProblemTypes.problem(NOT_RETRYABLE, HttpStatus.CONFLICT, "Batch forecast job cannot be retried",
                e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        String field = message.startsWith("outputPrefix") ? "outputPrefix" : "inputUri";
        return ResponseEntity.badRequest().body(LaunchcastProblemAdvice.validationProblem(
                List.of(new FieldError(field, message))));
    }

    @ExceptionHandler(UnknownJobException.class)
    ProblemDetail unknown(UnknownJobException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_JOB, HttpStatus.NOT_FOUND, "Unknown batch forecast job",
                "no batch forecast job with id '" + e.id + "'");
        problem.setProperty("jobId", e.id);
        return problem;
    }

    static final class UnknownJobException extends RuntimeException {
        final String id;

        UnknownJobException(String id) {
            this.id = id;
        }
    }
}
