package io.launchcast.platform.events;

import java.time.Instant;

/**
 * A trained model version entered the registry, pending approval.
 *
 * @param modelGroup model package group
 * @param modelVersion version within the group
 */
public record ModelRegistered(String eventId, Instant occurredAt, String modelGroup, String modelVersion)
        implements LaunchcastEvent {
}
