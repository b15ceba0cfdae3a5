package io.launchcast.platform.events;

/**
 * Thrown by an {@link EventHandler} when handling the event again cannot succeed (the dataset it names is
 * unusable, the event contradicts what is stored): the event goes to the dead-letter queue at once, with this
 * message as the reason, instead of being retried.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }

    public PermanentEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
