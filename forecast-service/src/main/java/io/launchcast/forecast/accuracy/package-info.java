/**
 * The accuracy report command: reads a curated dataset and a configuration file, computes point-in-time
 * features, and prints for the configured split and for a rolling-origin backtest a table of every model
 * and baseline (WAPE, MAE, bias, average wQL, interval coverage, training time).
 */
package io.launchcast.forecast.accuracy;
