package io.launchcast.ingestion.run;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /ingestions}: start a run, follow it, retry it. */
@RestController
@RequestMapping("/ingestions")
class IngestionController {

    private final IngestionService ingestions;

    IngestionController(IngestionService ingestions) {
        this.ingestions = ingestions;
    }

    /** Starts a run; answers 202 with the queued run and its Location. */
    @PostMapping
    ResponseEntity<IngestionRun> start(@Valid @RequestBody IngestionRequest request) {
        IngestionRun run = ingestions.submit(request);
        // relative (RFC 9110 allows it): correct behind any proxy or gateway, and what ./launchcast appends to its base URL
        URI location = URI.create("/ingestions/" + run.id());
        return ResponseEntity.accepted().location(location).body(run);
    }

    /** Starts a new run over a failed run's inputs; answers 202 with the new run and its Location. */
    @PostMapping("/{id}/retry")
    ResponseEntity<IngestionRun> retry(@PathVariable String id) {
        IngestionRun run = ingestions.retry(id);
        return ResponseEntity.accepted().location(URI.create("/ingestions/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    IngestionRun get(@PathVariable String id) {
        return ingestions.get(id);
    }
}
