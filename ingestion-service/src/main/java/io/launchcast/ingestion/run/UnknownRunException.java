package io.launchcast.ingestion.run;

/** No run has that id. */
public class UnknownRunException extends RuntimeException {

    private final String runId;

    public UnknownRunException(String runId) {
        super("no ingestion run with id '" + runId + "'");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
