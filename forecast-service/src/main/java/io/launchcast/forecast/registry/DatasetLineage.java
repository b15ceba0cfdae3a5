package io.launchcast.forecast.registry;

/**
 * One dataset version a model was trained from.
 *
 * @param manifestKey object-store key of the dataset's manifest
 * @param contentHash the manifest's content hash: equal hashes mean equal data
 */
public record DatasetLineage(String dataset, String version, String manifestKey, String contentHash) {
}
