package io.launchcast.platform.events;

import java.time.Instant;

/**
 * An event this service gave up on and moved to its queue's dead-letter queue: what it was, why it failed, and
 * whether it has been replayed since. Served as a problem detail at {@code /event-failures/{id}}.
 *
 * @param id            the failure's id (the SQS message id of the dead-lettered delivery)
 * @param queue         the inbox queue the event came from, where a replay sends it back
 * @param deadLetterQueue the queue that now holds it
 * @param eventType     the event's type, or {@code unreadable} when the body could not be decoded
 * @param eventId       the event's id, when it could be read
 * @param attempts      deliveries made, this one included
 * @param permanent     true when the failure was judged permanent (retrying could not help)
 * @param reason        the exception type's short name, for grouping
 * @param detail        its message, bounded in length
 * @param body          the message body as received, for a replay
 * @param failedAt      when it was dead-lettered
 * @param replayedAt    when it was last sent back to {@code queue}, or null
 */
public record EventFailure(String id, String queue, String deadLetterQueue, String eventType, String eventId,
        int attempts, boolean permanent, String reason, String detail, String body, Instant failedAt,
        Instant replayedAt) {

    public EventFailure replayed(Instant at) {
        return new EventFailure(id, queue, deadLetterQueue, eventType, eventId, attempts, permanent, reason, detail,
                body, failedAt, at);
    }
}
