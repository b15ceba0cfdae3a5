package io.launchcast.localcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends the notification S3 sends when an object is created: the S3 event message structure (version 2.1),
 * as JSON in the body of an SQS message. Listeners written for AWS read it unchanged.
 */
final class ObjectCreatedNotifier {

    private static final Logger log = LoggerFactory.getLogger(ObjectCreatedNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String region;
    private final List<LocalCloudSettings.NotificationRule> rules;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    // S3 sequencers only need to grow per key; a process-wide counter is enough for ordering.
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

    ObjectCreatedNotifier(SqsClient sqs, String region, List<LocalCloudSettings.NotificationRule> rules) {
        this.sqs = sqs;
        this.region = region;
        this.rules = rules;
    }

    void objectCreated(String eventName, String bucket, String key, long size, String eTag) {
        for (LocalCloudSettings.NotificationRule rule : rules) {
            if (rule.matches(key)) {
                String url = queueUrls.computeIfAbsent(rule.queue(),
                        queue -> sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl());
                String body = message(eventName, bucket, key, size, eTag);
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
                log.info("s3:{} s3://{}/{} ({} bytes) announced on {}", eventName, bucket, key, size, rule.queue());
            }
        }
    }

    private String message(String eventName, String bucket, String key, long size, String eTag) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", eventName);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "launchcast-local");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        // S3 URL-encodes the key in notifications (spaces become '+'); listeners must decode it.
        object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("size", size);
        if (eTag != null) {
            object.put("eTag", eTag.replace("\"", ""));
        }
        object.put("sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
        return root.toString();
    }
}
