package io.launchcast.platform.events;

import java.time.Instant;

/**
 * An object was created in the object store under a watched prefix. On AWS it arrives as an S3 event
 * notification through SQS; locally the S3 stand-in sends the same notification.
 *
 * @param key the object's key, already URL-decoded
 */
public record ObjectCreated(String eventId, Instant occurredAt, String bucket, String key, long size, String eTag)
        implements LaunchcastEvent {
}
