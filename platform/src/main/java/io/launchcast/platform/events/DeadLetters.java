package io.launchcast.platform.events;

import java.util.List;
import java.util.Optional;

/** The events this service moved to a dead-letter queue, and the way back for each once its cause is fixed. */
public interface DeadLetters {

    /** Every dead-lettered event, newest first. */
    List<EventFailure> list();

    Optional<EventFailure> find(String id);

    /**
     * Sends the event back to the queue it came from, as it first arrived, and records when; the copy in the
     * dead-letter queue stays until that queue's retention removes it (the audit trail of the incident).
     *
     * @throws java.util.NoSuchElementException for an unknown id
     */
    EventFailure replay(String id);
}
