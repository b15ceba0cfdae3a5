package io.launchcast.forecast.model;

import java.util.List;

/**
 * The forecast of one product: mean units per horizon period, quantiles per level and period (never
 * crossing: row i is at most row i+1 in every period), the explanation and the model that made it.
 *
 * @param quantileLevels ascending levels, e.g. 0.1, 0.5, 0.9
 * @param quantiles      {@code quantiles[i][h]} is the {@code quantileLevels[i]} quantile of period h
 */
public record ProductForecast(String productId, String model, double[] mean, List<Double> quantileLevels,
                              double[][] quantiles, Explanation explanation) {

    /** The quantile row of {@code level}, or null if it was not computed. */
    public double[] quantile(double level) {
        for (int i = 0; i < quantileLevels.size(); i++) {
            if (Math.abs(quantileLevels.get(i) - level) < 1e-9) {
                return quantiles[i];
            }
        }
        return null;
    }
}
