package io.launchcast.ingestion.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One ingestion run, as reported by {@code GET /ingestions/{id}} and stored under
 * {@code ingestion/runs/<id>.json}.
 *
 * @param trigger what started it: {@code request} or {@code landing:<key>}
 * @param inputs the objects (s3:// URIs) or JDBC sources read
 * @param percentDone bytes consumed over bytes to read (100 once finished)
 * @param rows reconciled counts: read = accepted + rejected + duplicates + excluded
 * @param rowsPerSecond rows read per second of run time so far
 * @param quarantine URI of the quarantine prefix, when any row was not accepted
 * @param datasetVersion the version holding the run's content (set from the PUBLISHING state on)
 * @param reusedVersion the content was already published: no new version was written
 * @param transformJob the job that transformed the run's rows elsewhere (a Glue job in aws mode), as last seen;
 *        null when the service transformed them itself
 * @param rules what each rule of the mapping did after the rows were read (netting, clipping, launches from
 *        first sales, left-censoring, launch attributes), by rule; empty until the run has transformed its rows
 */
public record IngestionRun(String id, String mapping, int mappingVersion, String dataset, RunState state,
        String trigger, List<String> inputs, Instant createdAt, Instant startedAt, Instant finishedAt,
        long bytesTotal, long bytesRead, double percentDone, Rows rows, Map<String, Long> rejectedBySource,
        double rowsPerSecond, String quarantine, String datasetVersion, boolean reusedVersion, String contentHash,
        String error, List<String> warnings, TransformJob transformJob, Map<String, Long> rules) {

    /**
     * A transformation job of the run, as last seen.
     *
     * @param state the engine's state, e.g. RUNNING, SUCCEEDED, FAILED
     * @param seconds how long the job had run when last seen
     */
    public record TransformJob(String name, String jobRunId, String state, double seconds) {
    }

    /**
     * Row counts of a run.
     *
     * @param excluded rows an exclusion rule of the mapping left out, also counted by rule in {@code excludedByRule}
     */
    public record Rows(long read, long accepted, long rejected, long duplicates, long excluded,
            Map<String, Long> excludedByRule) {

        public static final Rows NONE = new Rows(0, 0, 0, 0);

        public Rows(long read, long accepted, long rejected, long duplicates) {
            this(read, accepted, rejected, duplicates, 0, Map.of());
        }
    }

    static IngestionRun queued(String id, String mapping, int mappingVersion, String dataset, String trigger,
            List<String> inputs, long bytesTotal, Instant now) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, RunState.QUEUED, trigger, inputs, now, null, null,
                bytesTotal, 0, 0, Rows.NONE, Map.of(), 0, null, null, false, null, null, List.of(), null, Map.of());
    }

    IngestionRun with(RunState newState) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, newState, trigger, inputs, createdAt, startedAt,
                finishedAt, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond, quarantine,
                datasetVersion, reusedVersion, contentHash, error, warnings, transformJob, rules);
    }

    IngestionRun started(Instant now) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, RunState.RUNNING, trigger, inputs, createdAt, now,
                null, bytesTotal, 0, 0, rows, rejectedBySource, 0, quarantine, datasetVersion, reusedVersion,
                contentHash, error, warnings, transformJob, rules);
    }

    IngestionRun progress(long bytes, Rows counts, Map<String, Long> bySource, Instant now) {
        double seconds = Math.max(1e-3, Duration.between(startedAt, now).toMillis() / 1000.0);
        double percent = bytesTotal > 0 ? Math.min(99.0, 100.0 * bytes / bytesTotal) : 0;
        return new IngestionRun(id, mapping, mappingVersion, dataset, state, trigger, inputs, createdAt, startedAt,
                finishedAt, bytesTotal, bytes, Math.round(percent * 10) / 10.0, counts, bySource,
                Math.round(counts.read() / seconds), quarantine, datasetVersion, reusedVersion, contentHash, error,
                warnings, transformJob, rules);
    }

    IngestionRun quarantinedAt(String uri) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, state, trigger, inputs, createdAt, startedAt,
                finishedAt, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond, uri,
                datasetVersion, reusedVersion, contentHash, error, warnings, transformJob, rules);
    }

    IngestionRun publishing(String version, String hash) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, RunState.PUBLISHING, trigger, inputs, createdAt,
                startedAt, finishedAt, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond,
                quarantine, version, false, hash, error, warnings, transformJob, rules);
    }

    IngestionRun succeeded(String version, String hash, boolean reused, List<String> notes, Instant now) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, RunState.SUCCEEDED, trigger, inputs, createdAt,
                startedAt, now, bytesTotal, bytesTotal, 100, rows, rejectedBySource, rowsPerSecond, quarantine,
                version, reused, hash, null, notes, transformJob, rules);
    }

    IngestionRun transforming(TransformJob job) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, state, trigger, inputs, createdAt, startedAt,
                finishedAt, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond, quarantine,
                datasetVersion, reusedVersion, contentHash, error, warnings, job, rules);
    }

    IngestionRun withRules(Map<String, Long> effects) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, state, trigger, inputs, createdAt, startedAt,
                finishedAt, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond, quarantine,
                datasetVersion, reusedVersion, contentHash, error, warnings, transformJob, Map.copyOf(effects));
    }

    IngestionRun failed(String reason, Instant now) {
        return new IngestionRun(id, mapping, mappingVersion, dataset, RunState.FAILED, trigger, inputs, createdAt,
                startedAt, now, bytesTotal, bytesRead, percentDone, rows, rejectedBySource, rowsPerSecond, quarantine,
                null, false, contentHash, reason, warnings, transformJob, rules);
    }
}
