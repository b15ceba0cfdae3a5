package io.launchcast.platform.events.aws;

import io.awspring.cloud.sqs.listener.QueueNotFoundStrategy;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.EventsProperties;
import io.launchcast.platform.events.LaunchcastEvent;
import io.launchcast.platform.events.PermanentEventFailure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Hands each event arriving in the service's inbox queues to the handlers of its type, through Spring Cloud
 * AWS's listener containers (polling, back-pressure, acknowledgement, visibility). A message is deleted only
 * after every handler returned (at least once). A failed event comes back after an exponential backoff; one
 * that failed {@code maxAttempts} times, or failed in a way retrying cannot mend (a
 * {@link PermanentEventFailure}, an unreadable body, an {@link Error} such as running out of memory), is moved
 * to the dead-letter queue at once, with its reason, by {@link DeadLettering}: the service stays ready for every
 * other event instead of retrying a poison message in a loop.
 *
 * <p>Events are received hidden for {@code launchcast.events.visibility}; while a handler runs, its message's
 * visibility is extended every third of that (a heartbeat, as SQS's guide advises for work of unknown length). A
 * feature sync of a large catalogue takes minutes: without it the message came back to another consumer while the
 * first still worked on it, and the first one's acknowledgement then failed on a stale receipt handle.
 */
public class SqsEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsEventListener.class);

    private final SqsQueues queues;
    private final EventCodec codec;
    private final EventsProperties properties;
    private final Map<Class<?>, List<EventHandler<?>>> handlersByType;
    private final MeterRegistry meters;
    private final DeadLettering deadLettering;
    private final List<SqsMessageListenerContainer<Object>> containers = new ArrayList<>();
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    SqsEventListener(SqsQueues queues, EventCodec codec, EventsProperties properties, List<EventHandler<?>> handlers,
            MeterRegistry meters, DeadLettering deadLettering) {
        this.queues = queues;
        this.codec = codec;
        this.properties = properties;
        this.handlersByType = handlers.stream().collect(Collectors.groupingBy(EventHandler::eventType));
        this.meters = meters;
        this.deadLettering = deadLettering;
    }

    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-visibility-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        for (String queue : properties.inbox()) {
            if (properties.createQueues()) {
                queues.urlOf(queue); // creates it, and its dead-letter queue, the way the stand-in does
            }
            SqsMessageListenerContainer<Object> container = SqsMessageListenerContainer.builder()
                    .id("events-" + queue)
                    .sqsAsyncClient(queues.client())
                    .queueNames(queue)
                    .configure(o -> o.maxConcurrentMessages(properties.maxConcurrentMessages())
                            .maxMessagesPerPoll(properties.maxConcurrentMessages())
                            .pollTimeout(properties.pollWait())
                            .queueNotFoundStrategy(properties.createQueues() ? QueueNotFoundStrategy.CREATE
                                    : QueueNotFoundStrategy.FAIL)
                            .messageAttributeNames(List.of("All"))
                            .messageSystemAttributeNames(List.of(MessageSystemAttributeName.ALL))
                            .messageVisibility(properties.visibility())
                            .acknowledgementMode(AcknowledgementMode.ON_SUCCESS))
                    .messageListener(message -> handleKeptHidden(queue, message))
                    .errorHandler(errorHandler(queue))
                    .build();
            container.start();
            containers.add(container);
        }
        running = true;
        log.info("listening for events on {} with handlers for {} (at most {} attempts, then the dead-letter queue)",
                properties.inbox(), handlersByType.keySet().stream().map(Class::getSimpleName).sorted().toList(),
                properties.maxAttempts());
    }

    @Override
    public void stop() {
        // each container finishes the messages in hand (its listener shutdown timeout) before returning
        containers.forEach(SqsMessageListenerContainer::stop);
        containers.clear();
        heartbeats.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    static software.amazon.awssdk.services.sqs.model.Message source(Message<?> message) {
        return (software.amazon.awssdk.services.sqs.model.Message) message.getHeaders()
                .get(SqsHeaders.SQS_SOURCE_DATA_HEADER);
    }

    private void handleKeptHidden(String queue, Message<Object> message) {
        software.amazon.awssdk.services.sqs.model.Message source = source(message);
        Heartbeat heartbeat = new Heartbeat(queue, source,
                (Visibility) message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER));
        long periodMillis = properties.visibility().toMillis() / 3;
        heartbeat.schedule(heartbeats.scheduleAtFixedRate(heartbeat, periodMillis, periodMillis, TimeUnit.MILLISECONDS));
        try {
            handle(queue, source);
        } finally {
            heartbeat.stop();
        }
    }

    /**
     * Extends the visibility of one message in hand. Stopping waits for an extension under way, so none lands
     * after the handler returned: it would override the error handler's backoff, or outlive the deletion.
     */
    private final class Heartbeat implements Runnable {
        private final String queue;
        private final software.amazon.awssdk.services.sqs.model.Message message;
        private final Visibility visibility;
        private final long started = System.nanoTime();
        private ScheduledFuture<?> schedule;
        private boolean stopped;

        Heartbeat(String queue, software.amazon.awssdk.services.sqs.model.Message message, Visibility visibility) {
            this.queue = queue;
            this.message = message;
            this.visibility = visibility;
        }

        synchronized void schedule(ScheduledFuture<?> schedule) {
            this.schedule = schedule;
        }

        synchronized void stop() {
            stopped = true;
            schedule.cancel(false);
        }

        @Override
        public synchronized void run() {
            if (stopped) {
                return;
            }
            int seconds = (int) properties.visibility().toSeconds();
            long inHand = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            try {
                visibility.changeTo(seconds);
                meters.counter("launchcast.events.visibility-extended", "queue", queue).increment();
                log.debug("message {} on {} in hand for {} s: hidden for another {} s", message.messageId(), queue,
                        inHand, seconds);
            } catch (RuntimeException e) {
                // the handler goes on; should the message come back meanwhile, handlers are idempotent (at least once)
                log.warn("could not keep message {} on {} hidden after {} s in hand: another consumer may receive it",
                        message.messageId(), queue, inHand, e);
            }
        }
    }

    private void handle(String queue, software.amazon.awssdk.services.sqs.model.Message message) {
        Optional<String> type = Optional.ofNullable(message.messageAttributes().get(EventCodec.TYPE_ATTRIBUTE))
                .map(MessageAttributeValue::stringValue);
        List<LaunchcastEvent> events;
        try {
            events = codec.decode(type, message.body());
        } catch (RuntimeException e) {
            throw new PermanentEventFailure("unreadable message on " + queue + ": " + e.getMessage(), e);
        }
        for (LaunchcastEvent event : events) {
            for (EventHandler<?> handler : handlersByType.getOrDefault(event.getClass(), List.of())) {
                try {
                    dispatch(handler, event);
                    meters.counter("launchcast.events.handled", "type", event.eventType(), "outcome", "ok").increment();
                } catch (RuntimeException | Error e) {
                    meters.counter("launchcast.events.handled", "type", event.eventType(), "outcome", "failed")
                            .increment();
                    log.error("{} failed on {} {} (delivery #{})", handler.getClass().getName(), event.eventType(),
                            event.eventId(), DeadLettering.attempts(message), e);
                    if (e instanceof Error error) {
                        // the handler's memory is garbage once it has thrown; what it could not do, a retry cannot
                        throw new PermanentEventFailure(handler.getClass().getName() + " failed with "
                                + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
                    }
                    throw e;
                }
            }
        }
    }

    private AsyncErrorHandler<Object> errorHandler(String queue) {
        AsyncErrorHandler<Object> backoff = ExponentialBackoffErrorHandler.builder()
                .initialVisibilityTimeoutSeconds((int) Math.max(1, properties.retryBackoff().toSeconds()))
                .maxVisibilityTimeoutSeconds((int) Math.max(1, properties.maxRetryBackoff().toSeconds()))
                .multiplier(2)
                .build();
        return new AsyncErrorHandler<>() {
            @Override
            public CompletableFuture<Void> handle(Message<Object> message, Throwable failure) {
                software.amazon.awssdk.services.sqs.model.Message source = source(message);
                Throwable cause = unwrap(failure);
                boolean permanent = cause instanceof PermanentEventFailure || cause instanceof Error;
                if (permanent || DeadLettering.attempts(source) >= properties.maxAttempts()) {
                    return CompletableFuture.runAsync(() -> deadLettering.deadLetter(queue, source, cause, permanent));
                }
                return backoff.handle(message, failure);
            }
        };
    }

    /** The handler's own exception, out of the container's and the futures' wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t.getClass().getName().startsWith("io.awspring.cloud.sqs."))
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static <E extends LaunchcastEvent> void dispatch(EventHandler<E> handler, LaunchcastEvent event) {
        handler.handle((E) event);
    }
}
