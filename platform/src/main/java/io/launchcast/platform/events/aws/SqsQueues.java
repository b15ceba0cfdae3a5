package io.launchcast.platform.events.aws;

import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Queue-name to URL resolution, cached, creating missing queues when the service is allowed to (local mode):
 * each with a dead-letter queue {@code <queue>-dlq} behind a redrive policy, as the infra stack and the local
 * stand-in create them.
 */
final class SqsQueues {

    private final SqsAsyncClient client;
    private final boolean createMissing;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueues(SqsAsyncClient client, boolean createMissing) {
        this.client = client;
        this.createMissing = createMissing;
    }

    SqsAsyncClient client() {
        return client;
    }

    String urlOf(String queue) {
        return urls.computeIfAbsent(queue, this::resolve);
    }

    private String resolve(String queue) {
        try {
            return client.getQueueUrl(b -> b.queueName(queue)).join().queueUrl();
        } catch (java.util.concurrent.CompletionException e) {
            if (createMissing && e.getCause() instanceof QueueDoesNotExistException) {
                return create(queue);
            }
            throw e;
        }
    }

    /** Receives allowed before SQS itself dead-letters a message: the backstop for a consumer that keeps dying. */
    static final int REDRIVE_MAX_RECEIVES = 10;

    private String create(String queue) {
        if (queue.endsWith("-dlq")) {
            return client.createQueue(b -> b.queueName(queue)).join().queueUrl();
        }
        String deadLetterUrl = urlOf(queue + "-dlq");
        String arn = client.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .join().attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"maxReceiveCount\":\"" + REDRIVE_MAX_RECEIVES + "\",\"deadLetterTargetArn\":\"" + arn + "\"}";
        return client.createQueue(b -> b.queueName(queue).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)))
                .join().queueUrl();
    }
}
