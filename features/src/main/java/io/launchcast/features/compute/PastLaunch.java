package io.launchcast.features.compute;

/**
 * A launch before the as-of date with the number of its leading periods known at that date, its level
 * relative to the mean curve of launches known at that date (1.0 = an average launch), its age in periods and
 * its recency weight (one half per recency half-life of age).
 */
public record PastLaunch(LaunchCurve curve, int knownPeriods, double relativeLevel, double ageInPeriods,
                         double recencyWeight) {
}
