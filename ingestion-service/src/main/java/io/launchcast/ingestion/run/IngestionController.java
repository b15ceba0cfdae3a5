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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /ingestions}: start a run, follow it. */
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
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(run.id()).toUri();
        return ResponseEntity.accepted().location(location).body(run);
    }

    @GetMapping("/{id}")
    IngestionRun get(@PathVariable String id) {
        return ingestions.get(id);
    }
}
