package io.launchcast.platform.events;

import java.time.Instant;

/**
 * A monitored metric crossed its threshold (data drift, forecast quality). May trigger retraining.
 *
 * @param alarm the alarm's name
 * @param metric the metric that crossed
 */
public record AlarmRaised(String eventId, Instant occurredAt, String alarm, String metric, double value,
        double threshold, String modelVersion) implements LaunchcastEvent {
}
