/**
 * Point-in-time launch features: what is known about a product as of its launch date (attributes, launch
 * calendar, cohort and analog aggregates of earlier launches, summaries of external signals), computed only
 * from sales periods and signal periods that had ended by the as-of date. The same code serves training sets,
 * backtests and a brand-new product posted to the forecasting API, so there is no training/serving skew.
 */
package io.launchcast.features.compute;
