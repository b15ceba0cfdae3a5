package io.launchcast.ingestion.catalog;

import java.time.Duration;

/**
 * Runs the transformation definition ({@code transform.sql}) as a batch job over staged Parquet and follows
 * it to its end: in-process with DuckDB locally, as a Glue (Spark SQL) job in aws mode.
 */
public interface TransformJobs {

    /**
     * Starts the job and waits until it ends.
     *
     * @return how it ended; a job that failed or timed out is an outcome, not an exception
     * @throws CatalogException if the job could not be started or followed at all
     */
    Outcome run(Request request);

    /**
     * What the job needs; every field travels as a Glue job argument.
     *
     * @param mapping the mapping as JSON (name, version, period, attributes), so the job needs no other input
     * @param stagingUri where {@code products/}, {@code sales/}, {@code signals/} staging Parquet lie
     * @param outputUri where the curated tables are to be written, one folder per table
     * @param definition the SQL text of {@code transform.sql}
     */
    record Request(String runId, String mapping, String stagingUri, String outputUri, String definition) {
    }

    /** @param state the engine's final state, e.g. SUCCEEDED, FAILED, TIMEOUT */
    record Outcome(String jobRunId, boolean succeeded, String state, String message, Duration took) {
    }
}
