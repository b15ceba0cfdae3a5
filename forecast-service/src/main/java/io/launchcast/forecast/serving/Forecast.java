package io.launchcast.forecast.serving;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The forecast of one product in one region.
 *
 * @param modelVersion the registry version that made it
 * @param knowledge the dataset version the past launches it drew on come from (null when not known)
 * @param periods mean and quantiles per period after launch (quantiles keyed {@code p10}, {@code p50}...)
 * @param explanation the analogs and features that drove it
 * @param warnings what the caller should know, e.g. attribute values never seen in training
 */
public record Forecast(String productId, String region, String modelVersion, Knowledge knowledge,
        LocalDate launchDate, List<Period> periods, Explanation explanation, List<String> warnings) {

    /**
     * One period of the forecast; {@code period} counts from 1 (the launch period). {@code mean} is the registered
     * model's point forecast, the one its accuracy (WAPE, bias) is reported for: an average of similar launches'
     * sales, or, where validation registered a median forecast (a median curve, an analog model taking its
     * neighbours' median: lumpy sales, ADR 0128), their median, which is below the average by design; the
     * registry's {@code learned} says which.
     */
    public record Period(int period, LocalDate periodStart, double mean, Map<String, Double> quantiles) {
    }

    /** Why: analog launches with their weights, and the features that moved the forecast most, signed. */
    public record Explanation(List<Analog> analogs, List<Driver> drivers) {
    }

    /**
     * A past launch the forecast drew on: its weight in the analog forecast, its similarity to the new product
     * (0..1) and what they share ({@code colour=red}, {@code description: heart, mug}).
     */
    public record Analog(String productId, double weight, double similarity, List<String> shared) {
    }

    public record Driver(String feature, double contribution) {
    }
}
