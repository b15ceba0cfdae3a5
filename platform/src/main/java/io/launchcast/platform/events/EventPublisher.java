package io.launchcast.platform.events;

/** Sends events to every service subscribed to their type. */
public interface EventPublisher {

    /**
     * Hands the event to the transport; returns once it is durably queued for every subscriber.
     *
     * @throws EventDeliveryException if any subscriber's queue could not take it (the caller may retry:
     *         subscribers are idempotent)
     */
    void publish(LaunchcastEvent event);
}
