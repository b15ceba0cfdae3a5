package io.launchcast.ingestion.run;

import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, settles the runs a crash cut off. A run caught before its manifest is reported FAILED and the
 * files it had uploaded are deleted; a run caught after its manifest is completed (its event is published,
 * at least once). So a crash never leaves half a version visible, and never a published version unannounced.
 * Either way the scratch of its transformation job (staged rows, the job's output) is removed: a resumed run is
 * a new run, with a scratch of its own.
 */
public class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final ObjectStore store;
    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final EventPublisher events;
    private final Clock clock;

    public RunRecovery(ObjectStore store, RunRepository runs, DatasetRepository datasets, EventPublisher events,
            Clock clock) {
        this.store = store;
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
        removeJobScratch(run);
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

    /**
     * Removes what the run's transformation job left (a job still running elsewhere may write its output after
     * this; nothing reads it, and the next recovery of a run does not look there).
     */
    private void removeJobScratch(IngestionRun run) {
        try {
            var left = store.list(IngestionJob.jobScratch(run.id()));
            left.forEach(o -> store.delete(o.key()));
            if (!left.isEmpty()) {
                log.warn("run {}: {} object(s) of its transformation job's scratch removed", run.id(), left.size());
            }
        } catch (RuntimeException e) {
            // scratch only: settling the run matters more
            log.warn("run {}: cannot remove its transformation job's scratch", run.id(), e);
        }
    }
}
