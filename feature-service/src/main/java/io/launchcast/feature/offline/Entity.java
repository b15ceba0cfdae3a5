package io.launchcast.feature.offline;

import java.time.Instant;

/**
 * One row a point-in-time query asks for: a record id and the instant its features must describe. Only values
 * with {@code event_time <= asOf} qualify.
 */
public record Entity(String recordId, Instant asOf) {
}
