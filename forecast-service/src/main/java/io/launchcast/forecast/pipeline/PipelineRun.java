package io.launchcast.forecast.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One execution of a pipeline and where it stands.
 *
 * @param percentDone share of steps finished (succeeded, cached or failed)
 * @param failure the report of the step that stopped the run, if any
 */
public record PipelineRun(String id, String pipeline, RunState state, Instant startedAt, Instant finishedAt,
        int percentDone, Map<String, String> parameters, List<StepRun> steps, String failure) {

    /**
     * One step within a run.
     *
     * @param cacheKey hash of the step's inputs; equal keys mean the cached output is reused
     * @param attempts how many times the step was tried
     * @param output the step's output record as its fields' names and text values (what later steps and a
     *        cached run read back into the record)
     */
    public record StepRun(String name, StepState state, String cacheKey, Instant startedAt, Instant finishedAt,
            Long durationMillis, int attempts, Map<String, String> output, List<String> log) {
    }
}
