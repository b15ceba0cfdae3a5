package io.launchcast.platform.events;

import java.time.Instant;

/**
 * The feature store finished recomputing features for a dataset version.
 *
 * @param featureSetVersion version of the feature definitions used
 * @param dataset dataset the features were computed from
 * @param datasetVersion its version
 */
public record FeaturesUpdated(String eventId, Instant occurredAt, String featureSetVersion, String dataset,
        String datasetVersion, long records) implements LaunchcastEvent {
}
