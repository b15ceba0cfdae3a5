/**
 * Forecast accuracy as Amazon Forecast defines it (pooled WAPE on the mean, wQL per quantile and its
 * average, RMSE, MAPE), plus MAE in units, bias and interval coverage, overall and per cohort.
 */
package io.launchcast.forecast.evaluation;
