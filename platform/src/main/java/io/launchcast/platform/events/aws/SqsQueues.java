package io.launchcast.platform.events.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Queue-name to URL resolution, cached, creating missing queues when the service is allowed to. */
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
                return client.createQueue(b -> b.queueName(queue)).join().queueUrl();
            }
            throw e;
        }
    }
}
