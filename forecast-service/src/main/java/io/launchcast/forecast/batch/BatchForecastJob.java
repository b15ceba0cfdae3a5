package io.launchcast.forecast.batch;

import java.time.Instant;

/**
 * A batch forecast job and its progress.
 *
 * @param state {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param percentDone share of the input's bytes processed
 * @param etaSeconds estimated seconds to completion at the current rate
 * @param partsSkipped parts found already written when the job (re)started
 * @param failedLines input lines answered with an error record instead of a forecast
 * @param explain whether output lines carry explanations (null, as in records written before it existed: yes)
 * @param captureSamplingPercentage share of inferences sent to data capture (null: the service's setting)
 */
public record BatchForecastJob(String id, String inputUri, String outputPrefix, String state, String modelVersion,
        long inputBytes, long bytesDone, int percentDone, long rowsDone, long failedLines, int partsWritten,
        int partsSkipped, double rowsPerSecond, Long etaSeconds, Instant createdAt, Instant startedAt,
        Instant finishedAt, String error, Boolean explain, Integer captureSamplingPercentage) {

    /** Whether output lines carry explanations. */
    public boolean explains() {
        return explain == null || explain;
    }


    public BatchForecastJob with(String state, long bytesDone, long rowsDone, long failedLines, int partsWritten,
            int partsSkipped, double rowsPerSecond, Instant startedAt, Instant finishedAt, String error,
            String modelVersion) {
        int percent = inputBytes == 0 ? 100 : (int) Math.min(100, 100 * bytesDone / inputBytes);
        Long eta = rowsPerSecond <= 0 || bytesDone == 0 ? null
                : Math.round((inputBytes - bytesDone) / (double) bytesDone * rowsDone / rowsPerSecond);
        return new BatchForecastJob(id, inputUri, outputPrefix, state, modelVersion, inputBytes, bytesDone, percent,
                rowsDone, failedLines, partsWritten, partsSkipped, rowsPerSecond, eta, createdAt, startedAt,
                finishedAt, error, explain, captureSamplingPercentage);
    }
}
