package io.launchcast.forecast.registry;

import java.util.Map;

/** What a pipeline hands the registry for a new version: the artifact with its metrics and lineage. */
public record ModelRegistration(String group, byte[] artifact, Map<String, Double> metrics, Lineage lineage) {
}
