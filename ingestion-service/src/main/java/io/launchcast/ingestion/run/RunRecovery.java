package io.launchcast.ingestion.run;

import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, settles the runs a crash cut off. A run caught before its manifest is reported FAILED and the
 * files it had uploaded are deleted; a run caught after its manifest is completed (its event is published,
 * at least once). So a crash never leaves half a version visible, and never a published version unannounced.
 */
public class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final EventPublisher events;
    private final Clock clock;

    public RunRecovery(RunRepository runs, DatasetRepository datasets, EventPublisher events, Clock clock) {
        this.runs = runs;
        this.datasets = datasets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Settles every unfinished run; returns them as they now stand (SUCCEEDED, or FAILED when interrupted: those
     * the service may {@linkplain IngestionService#resume resume}). Call before accepting new runs.
     */
    public List<IngestionRun> recover() {
        return runs.all().stream().filter(r -> !r.state().isFinal()).map(this::settle).toList();
    }

    private IngestionRun settle(IngestionRun run) {
        if (run.state() == RunState.PUBLISHING && run.datasetVersion() != null) {
            var manifest = datasets.find(run.dataset(), run.datasetVersion());
            if (manifest.isPresent()) {
                events.publish(new DatasetPublished(Events.newEventId(), clock.instant(), run.dataset(),
                        run.datasetVersion(), Manifest.key(run.dataset(), run.datasetVersion()),
                        manifest.get().contentHash()));
                IngestionRun done = run.succeeded(run.datasetVersion(), run.contentHash(), false,
                        List.of("completed after a restart: the manifest was written before the service stopped"),
                        clock.instant());
                runs.save(done);
                log.warn("run {} completed at start-up (manifest found)", run.id());
                return done;
            }
            int deleted = datasets.deleteUnpublished(run.dataset(), run.datasetVersion());
            log.warn("run {} interrupted while publishing: {} unpublished file(s) deleted", run.id(), deleted);
        }
        IngestionRun failed = run.failed("interrupted: the service stopped during the run (state " + run.state()
                + "); nothing of it was published.", clock.instant());
        runs.save(failed);
        log.warn("run {} marked failed at start-up", run.id());
        return failed;
    }
}
