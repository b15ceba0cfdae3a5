package io.launchcast.monitor.runs;

import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.forecastdrift.ForecastDrift;
import java.time.Instant;
import java.util.List;

/**
 * A monitoring run as {@code GET /monitoring-runs/{id}} shows it.
 *
 * @param id run id
 * @param group model group
 * @param modelVersion baseline version compared with (null until resolved)
 * @param state PENDING, RUNNING, COMPLETED or FAILED
 * @param windowStart first instant of the window read
 * @param windowEnd end of the window (exclusive)
 * @param percentDone share of captured objects read, 0 to 100
 * @param recordsRead product records read from the capture
 * @param malformedLines captured lines that could not be read (reported, not dropped silently)
 * @param violations the violations found, once completed
 * @param drift drift per compared feature, once completed
 * @param undecided features (and forecast series) the window was too small to give a drift verdict on, each with why
 * @param reportKey object key of the JSON report, once completed
 * @param failure why it failed, if it did
 * @param forecastReference what the forecasts were compared with (the pipeline's reference, or the first served
 *                          window's for an older version), or why they were not; null when that check is off
 * @param judgeable what the version can be judged on: its baseline's features and, where it has a forecast
 *                  reference, its forecast series; null until the run knows it
 */
public record MonitoringRun(String id, String group, Integer modelVersion, State state, Instant windowStart,
        Instant windowEnd, int percentDone, long recordsRead, long malformedLines, List<Violation> violations,
        List<FeatureDrift> drift, List<String> undecided, String reportKey, String failure, String forecastReference,
        List<String> judgeable) {

    public enum State { PENDING, RUNNING, COMPLETED, FAILED }

    public MonitoringRun(String id, String group, Integer modelVersion, State state, Instant windowStart,
            Instant windowEnd, int percentDone, long recordsRead, long malformedLines, List<Violation> violations,
            List<FeatureDrift> drift, List<String> undecided, String reportKey, String failure,
            String forecastReference) {
        this(id, group, modelVersion, state, windowStart, windowEnd, percentDone, recordsRead, malformedLines,
                violations, drift, undecided, reportKey, failure, forecastReference, null);
    }

    MonitoringRun withProgress(State newState, int percent, long records) {
        return new MonitoringRun(id, group, modelVersion, newState, windowStart, windowEnd, percent, records,
                malformedLines, violations, drift, undecided, reportKey, failure, forecastReference, judgeable);
    }

    /**
     * Whether the run's model version may ever give a verdict on {@code metric}: its baseline has the feature, or its
     * forecast reference the series. True where that is not known (the run does not know what the version judges,
     * or a forecast series without a forecast reference to tell).
     */
    public boolean mayJudge(String metric) {
        if (judgeable == null) {
            return true;
        }
        boolean series = ForecastDrift.isSeries(metric);
        return judgeable.contains(metric) || series && judgeable.stream().noneMatch(ForecastDrift::isSeries);
    }
}
