package io.launchcast.platform.events;

import java.time.Instant;

/**
 * A curated dataset version became visible: its manifest exists, so every file it lists is complete.
 *
 * @param dataset the dataset's name (one per source mapping)
 * @param version the dataset version id
 * @param manifestKey object-store key of the manifest
 * @param contentHash hash over the dataset's content; equal hashes mean equal data
 */
public record DatasetPublished(String eventId, Instant occurredAt, String dataset, String version,
        String manifestKey, String contentHash) implements LaunchcastEvent {
}
