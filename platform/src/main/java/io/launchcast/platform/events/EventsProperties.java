package io.launchcast.platform.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
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
 * @param maxAttempts deliveries of an event before the service moves it to the dead-letter queue itself, with
 *                    the reason (below the queues' redrive count, which stays as the backstop for crashes)
 * @param maxConcurrentMessages events handled at once per inbox queue (handlers such as a feature sync hold a
 *                    dataset in memory: one at a time by default)
 * @param retryBackoff first delay before a failed event is delivered again; doubled per attempt
 * @param maxRetryBackoff the longest such delay
 * @param visibility how long a received event stays hidden from every other consumer; while a handler runs the
 *                   listener extends it by as much every third of it (a heartbeat), so a handler may take longer
 *                   (up to SQS's 12 hours), and an event whose consumer died comes back after this long
 */
@Validated
@ConfigurationProperties("launchcast.events")
public record EventsProperties(@DefaultValue List<String> inbox, @DefaultValue Map<String, List<String>> routes,
        @DefaultValue("false") boolean createQueues, @DefaultValue("2s") Duration pollWait,
        @DefaultValue("3") @Min(1) int maxAttempts, @DefaultValue("1") @Min(1) @Max(10) int maxConcurrentMessages,
        @DefaultValue("1s") Duration retryBackoff, @DefaultValue("5m") Duration maxRetryBackoff,
        @DefaultValue("60s") @DurationMin(seconds = 3) @DurationMax(hours = 12) Duration visibility) {
}
