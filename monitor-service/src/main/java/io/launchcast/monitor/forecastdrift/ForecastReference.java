package io.launchcast.monitor.forecastdrift;

import java.time.Instant;
import java.util.Map;

/**
 * What a model version's forecasts looked like in its first served window: the reference forecast drift is measured
 * against when the pipeline wrote none, kept at
 * {@code monitoring/baselines/<group>/v<version>/forecast-reference-from-capture.json}.
 *
 * @param group model group
 * @param version model version
 * @param takenFrom where the values come from (the capture window they were read from, or the pipeline)
 * @param takenAt when
 * @param forecasts forecasts the values were drawn from
 * @param values per series ({@code forecast_total}, {@code forecast_period_<n>}), the mean forecasts
 */
public record ForecastReference(String group, int version, String takenFrom, Instant takenAt, long forecasts,
        Map<String, double[]> values) {
}
