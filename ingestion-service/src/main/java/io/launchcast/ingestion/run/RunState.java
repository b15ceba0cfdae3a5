package io.launchcast.ingestion.run;

/** Life cycle of an ingestion run. */
public enum RunState {
    /** accepted, waiting for the runner */
    QUEUED,
    /** reading, validating and staging rows */
    RUNNING,
    /** writing Parquet and the manifest; the version id is fixed from here on */
    PUBLISHING,
    /** a dataset version holds the run's content (new, or an identical one reused) */
    SUCCEEDED,
    /** nothing was published; the error says why */
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
