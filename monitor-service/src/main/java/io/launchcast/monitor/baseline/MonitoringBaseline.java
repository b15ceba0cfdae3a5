package io.launchcast.monitor.baseline;

import java.util.Map;
import java.util.Optional;

/**
 * A model version's monitoring baseline: feature statistics and constraints, plus the file-wide comparison
 * settings.
 *
 * @param group model group
 * @param version model version
 * @param features statistics by feature name
 * @param constraints constraints by feature name
 * @param comparisonMethod file-wide drift method ({@code monitoring_config.distribution_constraints})
 * @param comparisonThreshold file-wide drift threshold
 */
public record MonitoringBaseline(String group, int version, Map<String, FeatureBaseline> features,
        Map<String, FeatureConstraint> constraints, Optional<String> comparisonMethod,
        Optional<Double> comparisonThreshold) {
}
