package io.launchcast.monitor.capture;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One captured forecast of one product (and region), as forecast-service answered it.
 *
 * @param inferenceId the capture's {@code eventMetadata.inferenceId}
 * @param at the capture's {@code eventMetadata.inferenceTime}
 * @param productId the product forecast
 * @param region the region forecast, or null when the request named none (the model's single region)
 * @param modelVersion the model version that answered
 * @param launchDate the product's launch date
 * @param attributes the product's attributes as the request gave them
 * @param periods the forecast per period after launch
 */
public record CapturedForecast(String inferenceId, Instant at, String productId, String region, String modelVersion,
        LocalDate launchDate, Map<String, String> attributes, List<Period> periods) {

    /**
     * One period of the forecast.
     *
     * @param period count from 1 (the launch period)
     * @param periodStart first day of the period
     * @param mean the mean forecast
     * @param quantiles quantile forecasts keyed by label ({@code p10}, {@code p50}...)
     */
    public record Period(int period, LocalDate periodStart, double mean, Map<String, Double> quantiles) {
    }
}
