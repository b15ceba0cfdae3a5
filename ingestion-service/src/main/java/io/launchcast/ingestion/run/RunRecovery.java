package io.launchcast.ingestion.run;

import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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
    private final Path workDir;

    /** @param workDir the local scratch of runs ({@code launchcast.ingestion.work-dir}), one directory per run */
    public RunRecovery(ObjectStore store, RunRepository runs, DatasetRepository datasets, EventPublisher events,
            Clock clock, Path workDir) {
        this.store = store;
        this.runs = runs;
        this.datasets = datasets;
        this.events = events;
        this.clock = clock;
        this.workDir = workDir;
    }

    /**
     * Settles every unfinished run; returns them as they now stand (SUCCEEDED, or FAILED when interrupted: those
     * the service may {@linkplain IngestionService#resume resume}). Call before accepting new runs.
     */
    public List<IngestionRun> recover() {
        List<IngestionRun> all = runs.all();
        // no run is under way in this process yet: any run's local scratch is what a killed process left
        all.forEach(this::removeLocalScratch);
        return all.stream().filter(r -> !r.state().isFinal()).map(this::settle).toList();
    }

    private void removeLocalScratch(IngestionRun run) {
        Path dir = workDir.resolve(run.id());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = 0;
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                bytes += Files.isRegularFile(file) ? Files.size(file) : 0;
                Files.delete(file);
            }
            log.warn("run {}: {} MB of local scratch left by a stopped process removed", run.id(), bytes >> 20);
        } catch (IOException e) {
            log.warn("run {}: cannot remove its local scratch {}", run.id(), dir, e);
        }
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
