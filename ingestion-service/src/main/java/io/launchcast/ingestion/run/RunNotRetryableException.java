package io.launchcast.ingestion.run;

/** A retry was asked for a run that has not failed (it is still going, or it succeeded), or cannot be started now. */
public class RunNotRetryableException extends RuntimeException {

    private final String runId;
    private final RunState state;

    public RunNotRetryableException(String runId, RunState state) {
        this(runId, state, "run " + runId + " is " + state + ": only a FAILED run can be retried");
    }

    public RunNotRetryableException(String runId, RunState state, String reason) {
        super(reason);
        this.runId = runId;
        this.state = state;
    }

    public String runId() {
        return runId;
    }

    public RunState state() {
        return state;
    }
}
