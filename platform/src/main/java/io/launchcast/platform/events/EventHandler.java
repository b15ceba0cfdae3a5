package io.launchcast.platform.events;

/**
 * Receives events of one type from the service's inbox. Declare it as a Spring bean.
 *
 * <p>Delivery is at least once: {@link #handle} may see the same event again after a crash or a timeout,
 * and must then change nothing. An exception leaves the event queued; it is retried and, after repeated
 * failures, moved to the dead-letter queue.
 */
public interface EventHandler<E extends LaunchcastEvent> {

    Class<E> eventType();

    void handle(E event);
}
