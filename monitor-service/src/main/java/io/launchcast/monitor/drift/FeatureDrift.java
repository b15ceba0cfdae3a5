package io.launchcast.monitor.drift;

/**
 * The drift of one feature in one window.
 *
 * @param feature feature name
 * @param method the measure used
 * @param value p-value for a test, distance otherwise
 * @param threshold the threshold it was compared with
 * @param drifted whether it crossed the threshold
 */
public record FeatureDrift(String feature, DriftMethod method, double value, double threshold, boolean drifted) {
}
