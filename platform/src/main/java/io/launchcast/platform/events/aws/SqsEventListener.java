package io.launchcast.platform.events.aws;

import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.LaunchcastEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Long-polls the service's inbox queues and hands each event to the handlers of its type. A message is
 * deleted only after every handler returned, so a crash or an exception means redelivery (at least once);
 * the queue's redrive policy moves a message that keeps failing to its dead-letter queue.
 */
public class SqsEventListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsEventListener.class);

    private final SqsQueues queues;
    private final EventCodec codec;
    private final List<String> inbox;
    private final Map<Class<?>, List<EventHandler<?>>> handlersByType;
    private final Duration pollWait;
    private final MeterRegistry meters;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running;

    SqsEventListener(SqsQueues queues, EventCodec codec, List<String> inbox, List<EventHandler<?>> handlers,
            Duration pollWait, MeterRegistry meters) {
        this.queues = queues;
        this.codec = codec;
        this.inbox = inbox;
        this.handlersByType = handlers.stream().collect(Collectors.groupingBy(EventHandler::eventType));
        this.pollWait = pollWait;
        this.meters = meters;
    }

    @Override
    public void start() {
        running = true;
        for (String queue : inbox) {
            Thread poller = new Thread(() -> poll(queue), "events-" + queue);
            poller.setDaemon(true);
            poller.start();
            pollers.add(poller);
        }
        log.info("listening for events on {} with handlers for {}", inbox,
                handlersByType.keySet().stream().map(Class::getSimpleName).sorted().toList());
    }

    @Override
    public void stop() {
        running = false;
        for (Thread poller : pollers) {
            try {
                // a poller finishes the message in hand; the receive call returns within pollWait
                poller.join(pollWait.toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pollers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll(String queue) {
        while (running) {
            try {
                String url = queues.urlOf(queue);
                List<Message> messages = queues.client().receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) Math.max(1, pollWait.toSeconds()))
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                        .join().messages();
                for (Message message : messages) {
                    if (handle(queue, message)) {
                        queues.client().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())).join();
                    } else {
                        retryLater(url, message);
                    }
                }
            } catch (CompletionException | software.amazon.awssdk.core.exception.SdkException e) {
                if (running) {
                    log.warn("receiving from {} failed, retrying: {}", queue, e.getMessage());
                    sleepQuietly(Duration.ofSeconds(1));
                }
            }
        }
    }

    /**
     * Brings a failed message back sooner than the queue's visibility timeout, backing off exponentially with
     * the number of receives (1 s, 2 s, 4 s ... at most 5 min), so a transient failure heals quickly and a
     * persistent one does not spin.
     */
    private void retryLater(String url, Message message) {
        int receives = Integer.parseInt(message.attributes()
                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        int delaySeconds = (int) Math.min(300, 1L << Math.min(receives - 1, 9));
        queues.client().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())
                .visibilityTimeout(delaySeconds)).join();
    }

    /** True when the message is done with (handled, or nothing here wants it). */
    private boolean handle(String queue, Message message) {
        Optional<String> type = Optional.ofNullable(message.messageAttributes().get(EventCodec.TYPE_ATTRIBUTE))
                .map(MessageAttributeValue::stringValue);
        List<LaunchcastEvent> events;
        try {
            events = codec.decode(type, message.body());
        } catch (RuntimeException e) {
            // an unreadable message can never succeed: leave it to the redrive policy rather than loop here
            log.error("unreadable message {} on {} (receive #{}): {}", message.messageId(), queue,
                    message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), e.getMessage());
            return false;
        }
        for (LaunchcastEvent event : events) {
            for (EventHandler<?> handler : handlersByType.getOrDefault(event.getClass(), List.of())) {
                try {
                    dispatch(handler, event);
                    meters.counter("launchcast.events.handled", "type", event.eventType(), "outcome", "ok").increment();
                } catch (RuntimeException e) {
                    meters.counter("launchcast.events.handled", "type", event.eventType(), "outcome", "failed").increment();
                    log.error("{} failed on {} {} (receive #{}); it will be redelivered", handler.getClass().getSimpleName(),
                            event.eventType(), event.eventId(),
                            message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), e);
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <E extends LaunchcastEvent> void dispatch(EventHandler<E> handler, LaunchcastEvent event) {
        handler.handle((E) event);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
