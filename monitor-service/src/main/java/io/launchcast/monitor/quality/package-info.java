/**
 * Forecast quality from actuals: captured forecasts joined with curated sales (on each published dataset version)
 * or with actuals callers send; pooled WAPE, bias, wQL and interval coverage overall, per model version, cohort,
 * period since launch and over time; quality alarms and gauges. Evaluations live in the object store.
 */
package io.launchcast.monitor.quality;
