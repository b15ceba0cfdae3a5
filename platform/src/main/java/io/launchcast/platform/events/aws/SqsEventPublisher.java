package io.launchcast.platform.events.aws;

import io.launchcast.platform.events.EventDeliveryException;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.LaunchcastEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Publishes by sending one SQS message to each queue subscribed to the event's type. The subscription table
 * is configuration ({@code launchcast.events.routes}), the same in both modes; in aws mode the queues are the
 * ones the infra stack creates, locally the ElasticMQ stand-in's.
 */
public class SqsEventPublisher implements EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(SqsEventPublisher.class);

    private final SqsQueues queues;
    private final EventCodec codec;
    private final Map<String, List<String>> routes;

    SqsEventPublisher(SqsQueues queues, EventCodec codec, Map<String, List<String>> routes) {
        this.queues = queues;
        this.codec = codec;
        this.routes = routes;
    }

    @Override
    public void publish(LaunchcastEvent event) {
        List<String> subscribers = routes.getOrDefault(event.eventType(), List.of());
        if (subscribers.isEmpty()) {
            log.debug("{} {} has no subscribers", event.eventType(), event.eventId());
            return;
        }
        String body = codec.encode(event);
        for (String queue : subscribers) {
            try {
                queues.client().sendMessage(b -> b.queueUrl(queues.urlOf(queue)).messageBody(body)
                        .messageAttributes(Map.of(EventCodec.TYPE_ATTRIBUTE, MessageAttributeValue.builder()
                                .dataType("String").stringValue(event.eventType()).build())))
                        .join();
            } catch (CompletionException | software.amazon.awssdk.core.exception.SdkException e) {
                throw new EventDeliveryException("could not deliver " + event.eventType() + " " + event.eventId()
                        + " to queue " + queue + ": " + e.getMessage(), e);
            }
        }
        log.info("published {} {} to {}", event.eventType(), event.eventId(), subscribers);
    }
}
