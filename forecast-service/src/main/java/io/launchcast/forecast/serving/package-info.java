/**
 * Real-time forecasting for planning apps: {@code POST /forecasts} validates new products against the serving
 * model's feature definitions, forecasts mean and quantiles per period with an explanation, and names the model
 * version that answered. The champion model is swapped atomically when a new version is approved.
 */
package io.launchcast.forecast.serving;
