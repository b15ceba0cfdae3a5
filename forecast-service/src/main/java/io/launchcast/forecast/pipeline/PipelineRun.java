package io.launchcast.forecast.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of a pipeline and where it stands.
 *
 * @param state {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param percentDone share of steps finished (succeeded, cached or failed)
 * @param failure the report of the step that stopped the run, if any
 */
public record PipelineRun(String id, String pipeline, String state, Instant startedAt, Instant finishedAt,
        int percentDone, Map<String, String> parameters, List<StepRun> steps, String failure) {

    /**
     * One step within a run.
     *
     * @param state {@code PENDING}, {@code RUNNING}, {@code CACHED}, {@code SUCCEEDED}, {@code FAILED} or
     *        {@code SKIPPED} (an earlier step failed)
     * @param cacheKey hash of the step's inputs; equal keys mean the cached output is reused
     * @param attempts how many times the step was tried
     */
    public record StepRun(String name, String state, String cacheKey, Instant startedAt, Instant finishedAt,
            Long durationMillis, int attempts, Map<String, String> output, List<String> log) {
    }
}
