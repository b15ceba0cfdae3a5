package io.launchcast.platform.events;

import java.time.Instant;

/**
 * Something that happened in one service and matters to others. Events are immutable, past-tense records;
 * the record's simple class name is its type on the wire.
 */
public interface LaunchcastEvent {

    /** Unique per event; handlers use it to recognise a redelivery. */
    String eventId();

    /** When it happened, in the publishing service's clock. */
    Instant occurredAt();

    /** The name this event travels under. */
    default String eventType() {
        return getClass().getSimpleName();
    }
}
