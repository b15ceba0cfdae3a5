package io.launchcast.forecast.pipeline;

/** Where a step reports progress; lines are kept with the run and shown by {@code GET /pipeline-runs/{id}}. */
@FunctionalInterface
public interface StepLog {

    void info(String message);
}
