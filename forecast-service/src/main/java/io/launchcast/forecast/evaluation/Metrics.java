package io.launchcast.forecast.evaluation;

import java.util.Map;

/**
 * Accuracy over a set of product-period cells.
 *
 * @param cells      number of product-period cells scored
 * @param wape       100 * sum|y - mean| / sum y (pooled)
 * @param mae        mean |y - mean|, in units
 * @param rmse       root mean squared error, in units
 * @param mape       mean of |y - mean| / y over cells with y &gt; 0, in percent
 * @param bias       100 * (sum mean - sum y) / sum y: negative = under-forecast
 * @param wql        weighted quantile loss per quantile level: 2 * sum pinball / sum |y|
 * @param meanWql    average of {@link #wql()}
 * @param coverage   share (percent) of cells inside [lowest quantile, highest quantile]
 */
public record Metrics(long cells, double wape, double mae, double rmse, double mape, double bias,
                      Map<Double, Double> wql, double meanWql, double coverage) {
}
