package io.launchcast.platform.events;

/** An event could not be handed to the transport or read from it. */
public class EventDeliveryException extends RuntimeException {

    public EventDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
