package io.launchcast.platform.events;

import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events this service dead-lettered, each as a problem record (what failed, why, how often), and their
 * replay once the cause is fixed. Every service has it: any of them can meet a poison message.
 */
@RestController
@RequestMapping("/event-failures")
public class EventFailuresController {

    static final URI DEAD_LETTERED = URI.create(ProblemTypes.BASE + "event-dead-lettered");
    static final URI UNKNOWN_FAILURE = URI.create(ProblemTypes.BASE + "unknown-event-failure");

    private final DeadLetters deadLetters;

    public EventFailuresController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<ProblemDetail> list() {
        return deadLetters.list().stream().map(EventFailuresController::problem).toList();
    }

    @GetMapping("/{id}")
    ProblemDetail get(@PathVariable String id) {
        return problem(deadLetters.find(id).orElseThrow(() -> new NoSuchElementException("no dead-lettered event " + id)));
    }

    @PostMapping("/{id}/replay")
    ProblemDetail replay(@PathVariable String id) {
        return problem(deadLetters.replay(id));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> unknown(NoSuchElementException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemTypes.problem(UNKNOWN_FAILURE,
                HttpStatus.NOT_FOUND, "Unknown event failure", e.getMessage()));
    }

    /** A failure as RFC 9457 problem details: the record of a failed delivery, not an error of this request. */
    static ProblemDetail problem(EventFailure failure) {
        ProblemDetail problem = ProblemTypes.problem(DEAD_LETTERED, HttpStatus.UNPROCESSABLE_CONTENT,
                "Event moved to the dead-letter queue", failure.reason() + ": " + failure.detail());
        problem.setInstance(URI.create("/event-failures/" + failure.id()));
        problem.setProperty("id", failure.id());
        problem.setProperty("queue", failure.queue());
        problem.setProperty("deadLetterQueue", failure.deadLetterQueue());
        problem.setProperty("eventType", failure.eventType());
        problem.setProperty("eventId", failure.eventId());
        problem.setProperty("attempts", failure.attempts());
        problem.setProperty("permanent", failure.permanent());
        problem.setProperty("failedAt", failure.failedAt());
        problem.setProperty("replayedAt", failure.replayedAt());
        problem.setProperty("body", failure.body());
        return problem;
    }
}
