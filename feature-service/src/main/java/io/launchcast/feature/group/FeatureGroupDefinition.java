package io.launchcast.feature.group;

import java.util.List;
import java.util.Optional;

/**
 * A declared feature group, as SageMaker Feature Store declares one: a record identifier, an event-time feature
 * and typed features, with a version and a description.
 *
 * @param recordIdentifierName name of the feature holding the record id (e.g. {@code product_id})
 * @param eventTimeName name of the feature holding the event time (ISO-8601)
 */
public record FeatureGroupDefinition(String name, String version, String description, String recordIdentifierName,
        String eventTimeName, List<FeatureDefinition> features) {

    public FeatureGroupDefinition {
        features = List.copyOf(features);
    }

    public Optional<FeatureDefinition> feature(String featureName) {
        return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
    }
}
