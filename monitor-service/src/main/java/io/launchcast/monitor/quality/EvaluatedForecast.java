package io.launchcast.monitor.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One forecast period with its actual: the unit of every quality figure. At most one per model version, product,
 * region and period (its {@link #key()}); a later actual for the same key replaces the earlier one.
 *
 * @param modelVersion the model version that made the forecast
 * @param productId the product
 * @param region the forecast's region, or null for a forecast without region
 * @param cohort the product's value of the cohort attribute, or null when it has none
 * @param period the period since launch, from 1
 * @param periodStart first day of the period
 * @param inferenceId the captured inference the forecast came from
 * @param forecastAt when it was made
 * @param actual units sold in the period
 * @param mean the mean forecast
 * @param quantiles quantile forecasts by label
 */
public record EvaluatedForecast(String modelVersion, String productId, String region, String cohort, int period,
        LocalDate periodStart, String inferenceId, Instant forecastAt, double actual, double mean,
        Map<String, Double> quantiles) {

    /** What makes two evaluations the same one. */
    public String key() {
        return modelVersion + '\u0000' + productId + '\u0000' + (region == null ? "" : region) + '\u0000' + periodStart;
    }
}
