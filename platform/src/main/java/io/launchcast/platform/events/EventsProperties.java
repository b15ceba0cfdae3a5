package io.launchcast.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event routing of a service.
 *
 * @param inbox queues this service reads (its own event queue, and e.g. the landing-notification queue)
 * @param routes for each event type, the queues it is delivered to: the subscription table of the suite
 * @param createQueues create missing queues at start-up (local mode; on AWS the infra stack owns them)
 * @param pollWait long-poll wait of one receive call; also bounds how long a shutdown waits for the poller
 */
@Validated
@ConfigurationProperties("launchcast.events")
public record EventsProperties(@DefaultValue List<String> inbox, @DefaultValue Map<String, List<String>> routes,
        @DefaultValue("false") boolean createQueues, @DefaultValue("2s") Duration pollWait) {
}
