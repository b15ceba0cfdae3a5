/**
 * Drift of the forecasts themselves: the distribution of forecast totals and of each horizon period in a window,
 * against the forecasts the model version made when it started serving.
 */
package io.launchcast.monitor.forecastdrift;
