/**
 * Cold-start demand models: baselines (mean curves, attribute kNN), an analog model with learned attribute
 * weights, a global gradient-boosted model (Tribuo XGBoost, one booster per horizon period on log1p units),
 * and the calibrated ensemble that blends them, corrects their level and attaches non-crossing quantiles and
 * an explanation to every forecast. Everything is configured by {@link io.launchcast.forecast.model.ModelSettings};
 * nothing here knows which retailer's data it sees.
 */
package io.launchcast.forecast.model;
