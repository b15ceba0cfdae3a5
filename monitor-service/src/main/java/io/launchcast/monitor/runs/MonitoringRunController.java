package io.launchcast.monitor.runs;

import io.launchcast.platform.problem.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /monitoring-runs} starts a run on demand (202 + id); {@code GET /monitoring-runs/{id}} follows it. */
@RestController
class MonitoringRunController {

    static final URI UNKNOWN_MODEL = URI.create(ProblemTypes.BASE + "unknown-model");
    static final URI INVALID_WINDOW = URI.create(ProblemTypes.BASE + "invalid-window");

    /**
     * What to monitor.
     *
     * @param group model group (one of launchcast.monitor.models)
     * @param modelVersion baseline version; the latest if absent
     * @param from window start; {@code to} minus the model's window if absent
     * @param to window end (exclusive); now if absent
     */
    record RunRequest(@NotBlank String group, @Positive Integer modelVersion, Instant from, Instant to) {
    }

    private final MonitoringRuns runs;
    private final Clock clock;

    MonitoringRunController(MonitoringRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping("/monitoring-runs")
    ResponseEntity<Map<String, String>> start(@Valid @RequestBody RunRequest request) {
        Instant to = request.to() != null ? request.to() : Instant.now(clock);
        Duration window = runs.model(request.group()).map(m -> m.window()).orElse(Duration.ofHours(1));
        Instant from = request.from() != null ? request.from() : to.minus(window);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " to " + to);
        }
        MonitoringRun run = runs.start(request.group(), request.modelVersion(), from, to);
        return ResponseEntity.accepted().location(URI.create("/monitoring-runs/" + run.id()))
                .body(Map.of("id", run.id()));
    }

    @GetMapping("/monitoring-runs/{id}")
    ResponseEntity<MonitoringRun> get(@PathVariable String id) {
        return ResponseEntity.ok(runs.find(id).orElseThrow(() -> ProblemTypes.notFound("no monitoring run with id '"
                + id + "'")));
    }

    @GetMapping("/monitoring-runs")
    List<MonitoringRun> list() {
        return runs.all();
    }

    @ExceptionHandler(UnknownModelException.class)
    ProblemDetail unknownModel(UnknownModelException e) {
        return ProblemTypes.problem(UNKNOWN_MODEL, HttpStatus.NOT_FOUND, "Model not monitored", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidWindow(IllegalArgumentException e) {
        return ProblemTypes.problem(INVALID_WINDOW, HttpStatus.BAD_REQUEST, "Invalid window", e.getMessage());
    }
}
