package io.launchcast.platform.events.aws;

import io.launchcast.platform.events.DeadLetters;
import io.launchcast.platform.events.EventFailure;
import io.launchcast.platform.events.EventFailures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves an event the service gave up on to its queue's dead-letter queue with the reason as message
 * attributes, records it ({@link EventFailures}) and counts it ({@code launchcast.events.dead-lettered}); and
 * replays a recorded one. The dead-letter queue is the target of the inbox's redrive policy (the queues'
 * owner decides it: the infra stack on AWS, the stand-in locally), so no naming convention is assumed.
 */
final class DeadLettering implements DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLettering.class);
    static final String SOURCE_QUEUE_ATTRIBUTE = "launchcast-source-queue";
    static final String REASON_ATTRIBUTE = "launchcast-failure-reason";
    private static final int MAX_DETAIL = 2000;

    private final SqsQueues queues;
    private final EventFailures failures;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final Clock clock;

    DeadLettering(SqsQueues queues, EventFailures failures, MeterRegistry meters, JsonMapper json, Clock clock) {
        this.queues = queues;
        this.failures = failures;
        this.meters = meters;
        this.json = json;
        this.clock = clock;
    }

    static int attempts(Message message) {
        return Integer.parseInt(message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                "1"));
    }

    /**
     * Records why and sends {@code message} to the dead-letter queue of {@code queue}; an exception here leaves
     * the message in its inbox (it is not acknowledged), so a dead-lettering that fails loses nothing.
     */
    void deadLetter(String queue, Message message, Throwable cause, boolean permanent) {
        String deadLetterQueue = deadLetterQueueOf(queue);
        String reason = cause.getClass().getSimpleName();
        String detail = bounded(String.valueOf(cause.getMessage()));
        Map<String, MessageAttributeValue> attributes = new HashMap<>(message.messageAttributes());
        attributes.put(SOURCE_QUEUE_ATTRIBUTE, text(queue));
        attributes.put(REASON_ATTRIBUTE, text(bounded(reason + ": " + detail)));
        JsonNode body = readable(message.body());
        String type = Optional.ofNullable(message.messageAttributes().get(EventCodec.TYPE_ATTRIBUTE))
                .map(MessageAttributeValue::stringValue).orElse(body == null ? "unreadable" : "S3 notification");
        String eventId = body == null ? null : body.path("eventId").asString(null);
        int attempts = attempts(message);
        // recorded before the move: whoever sees the message in the dead-letter queue finds why it is there (a
        // failed send leaves the message in its inbox, and its redelivery rewrites the same record)
        failures.save(new EventFailure(message.messageId(), queue, deadLetterQueue, type, eventId, attempts, permanent,
                reason, detail, message.body(), Instant.now(clock), null));
        queues.client().sendMessage(b -> b.queueUrl(queues.urlOf(deadLetterQueue)).messageBody(message.body())
                .messageAttributes(attributes)).join();
        meters.counter("launchcast.events.dead-lettered", "queue", queue, "type", type,
                "permanent", String.valueOf(permanent)).increment();
        log.error("moved {} {} to {} after {} attempt(s) ({}): {}: {}", type, eventId, deadLetterQueue, attempts,
                permanent ? "permanent failure" : "attempts exhausted", reason, detail);
    }

    @Override
    public List<EventFailure> list() {
        return failures.list();
    }

    @Override
    public Optional<EventFailure> find(String id) {
        return failures.find(id);
    }

    @Override
    public EventFailure replay(String id) {
        EventFailure failure = failures.find(id).orElseThrow(() -> new NoSuchElementException(
                "no dead-lettered event " + id));
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (!failure.eventType().equals("unreadable") && !failure.eventType().equals("S3 notification")) {
            attributes.put(EventCodec.TYPE_ATTRIBUTE, text(failure.eventType()));
        }
        queues.client().sendMessage(b -> b.queueUrl(queues.urlOf(failure.queue())).messageBody(failure.body())
                .messageAttributes(attributes)).join();
        EventFailure replayed = failure.replayed(Instant.now(clock));
        failures.save(replayed);
        meters.counter("launchcast.events.replayed", "queue", failure.queue(), "type", failure.eventType()).increment();
        log.info("replayed dead-lettered {} {} to {}", failure.eventType(), failure.eventId(), failure.queue());
        return replayed;
    }

    private String deadLetterQueueOf(String queue) {
        String policy = queues.client().getQueueAttributes(b -> b.queueUrl(queues.urlOf(queue))
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).join().attributes()
                .get(QueueAttributeName.REDRIVE_POLICY);
        JsonNode target = policy == null ? null : readable(policy);
        if (target != null && target.hasNonNull("deadLetterTargetArn")) {
            String arn = target.get("deadLetterTargetArn").asString();
            return arn.substring(arn.lastIndexOf(':') + 1);
        }
        throw new IllegalStateException("queue " + queue + " has no redrive policy naming a dead-letter queue");
    }

    private JsonNode readable(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String bounded(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "... (" + text.length() + " chars)";
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
