package io.launchcast.features.compute;

/**
 * A launch before the as-of date with the number of its leading periods known at that date and its level
 * relative to the mean curve of launches known at that date (1.0 = an average launch). Its age and recency
 * weight depend on the as-of date itself and come from the {@link LaunchHistory.Snapshot} it belongs to, so
 * that one set of past launches serves every date at which the same was known.
 */
public record PastLaunch(LaunchCurve curve, int knownPeriods, double relativeLevel) {
}
