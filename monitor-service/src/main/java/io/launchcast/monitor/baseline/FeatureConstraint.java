package io.launchcast.monitor.baseline;

import java.util.Optional;

/**
 * The thresholds of one feature from {@code constraints.json}; empty values fall back to the file's
 * {@code monitoring_config} and then to the service's configuration.
 *
 * @param name feature name
 * @param completeness lowest share of records that must carry the feature
 * @param comparisonMethod the drift measure forced for this feature (ks, chi_squared, wasserstein,
 *        jensen_shannon, psi), from {@code monitoring_config_overrides.comparison_method}
 * @param comparisonThreshold the drift threshold: a p-value for ks/chi_squared, a distance otherwise
 * @param unseenShareMax largest share of values never seen in the baseline before categorical_values_check fails
 */
public record FeatureConstraint(String name, double completeness, Optional<String> comparisonMethod,
        Optional<Double> comparisonThreshold, Optional<Double> unseenShareMax) {
}
