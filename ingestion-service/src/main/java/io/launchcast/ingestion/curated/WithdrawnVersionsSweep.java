package io.launchcast.ingestion.curated;

import io.launchcast.platform.datasets.DatasetVersions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of dataset versions withdrawn longer than the retention ago, keeping each withdrawal record
 * as a tombstone. Until then a withdrawn version can still be inspected, or pinned by a re-run that names it.
 */
@Component
@EnableScheduling
class WithdrawnVersionsSweep {

    private static final Logger log = LoggerFactory.getLogger(WithdrawnVersionsSweep.class);

    private final DatasetRepository datasets;
    private final DatasetVersions versions;
    private final Duration retention;
    private final Clock clock;

    WithdrawnVersionsSweep(DatasetRepository datasets, DatasetVersions versions,
            @Value("${launchcast.datasets.withdrawn-retention:30d}") Duration retention,
            java.util.Optional<Clock> clock) {
        this.datasets = datasets;
        this.versions = versions;
        this.retention = retention;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(initialDelayString = "${launchcast.datasets.withdrawn-sweep-first-after:5m}",
            fixedDelayString = "${launchcast.datasets.withdrawn-sweep-every:6h}")
    int sweep() {
        Instant cutoff = Instant.now(clock).minus(retention);
        int deleted = 0;
        for (String dataset : datasets.datasets()) {
            deleted += versions.purgeWithdrawnBefore(dataset, cutoff);
        }
        if (deleted > 0) {
            log.info("deleted {} objects of dataset versions withdrawn before {}", deleted, cutoff);
        }
        return deleted;
    }
}
