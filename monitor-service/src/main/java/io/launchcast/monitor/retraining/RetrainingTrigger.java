package io.launchcast.monitor.retraining;

/** Port: starts a retraining pipeline run (forecast-service's {@code POST /pipeline-runs}). */
public interface RetrainingTrigger {

    /** Starts a run and answers where it can be followed; {@code reason} is recorded as a run parameter. */
    String start(String reason);
}
