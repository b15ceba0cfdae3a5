package io.launchcast.feature.group;

/** One feature of a group: its name, type and what it means. */
public record FeatureDefinition(String name, FeatureType type, String description) {
}
