package io.launchcast.monitor.quality;

/**
 * What an arrival of actuals did.
 *
 * @param group model group
 * @param received rows received
 * @param evaluated forecast periods they evaluate (a row may evaluate the forecasts of several model versions)
 * @param changed evaluations that are new or differ from those already held (0: the same actuals again)
 * @param batchKey object key of the record written, null when nothing changed
 */
public record ActualsReceipt(String group, int received, int evaluated, int changed, String batchKey) {
}
