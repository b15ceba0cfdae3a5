package io.launchcast.ingestion.run;

import io.launchcast.ingestion.catalog.TransformJobs;

/** The job a run delegated its transformation to ended without success; the run fails with the job's own words. */
public class TransformJobFailedException extends RuntimeException {

    public TransformJobFailedException(String job, TransformJobs.Outcome outcome) {
        super("transformation job " + job + " (run " + outcome.jobRunId() + ") ended " + outcome.state()
                + (outcome.message() == null ? "" : ": " + outcome.message()) + "; nothing was published");
    }
}
