package io.launchcast.ingestion.curated;

import io.launchcast.platform.datasets.DatasetVersions;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /datasets}: published datasets, their versions and manifests, and the withdrawal of a bad version. */
@RestController
@RequestMapping("/datasets")
class DatasetController {

    private static final int MAX_REASON = 500;

    private final DatasetRepository datasets;
    private final DatasetVersions versions;
    private final Clock clock;

    DatasetController(DatasetRepository datasets, DatasetVersions versions, java.util.Optional<Clock> clock) {
        this.datasets = datasets;
        this.versions = versions;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * A dataset and its versions, oldest first; {@code latest} is the newest version consumers use, which skips
     * {@code withdrawn} ones.
     */
    record Dataset(String name, List<String> versions, String latest, List<String> withdrawn) {
    }

    @GetMapping
    List<Dataset> list() {
        return datasets.datasets().stream().map(this::dataset).toList();
    }

    @GetMapping("/{name}")
    Dataset get(@PathVariable String name) {
        Dataset dataset = dataset(name);
        if (dataset.versions().isEmpty()) {
            throw new UnknownDatasetException(name, null);
        }
        return dataset;
    }

    /** The manifest, exactly as stored. */
    @GetMapping("/{name}/versions/{version}")
    ResponseEntity<byte[]> manifest(@PathVariable String name, @PathVariable String version) {
        checkNames(name, version);
        byte[] manifest = datasets.manifestBytes(name, version)
                .orElseThrow(() -> new UnknownDatasetException(name, version));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(manifest);
    }

    /**
     * Withdraws a version: feature sync, "latest" and training stop picking it; its files stay until the
     * retention sweep ({@code launchcast.datasets.withdrawn-retention}). Withdrawing it again changes nothing.
     */
    @DeleteMapping("/{name}/versions/{version}")
    DatasetVersions.Withdrawal withdraw(@PathVariable String name, @PathVariable String version,
            @RequestParam(defaultValue = "no reason given") String reason, Principal principal) {
        checkNames(name, version);
        String bounded = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        try {
            return versions.withdraw(name, version, bounded, principal == null ? "anonymous" : principal.getName(),
                    Instant.now(clock));
        } catch (NoSuchElementException e) {
            throw new UnknownDatasetException(name, version);
        }
    }

    private static void checkNames(String name, String version) {
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}") || !version.matches("[A-Za-z0-9-]{1,64}")) {
            throw new UnknownDatasetException(name, version);
        }
    }

    private Dataset dataset(String name) {
        List<String> all = datasets.versions(name);
        List<String> usable = versions.usable(name);
        return new Dataset(name, all, usable.isEmpty() ? null : usable.get(usable.size() - 1),
                all.stream().filter(v -> !usable.contains(v)).toList());
    }
}
