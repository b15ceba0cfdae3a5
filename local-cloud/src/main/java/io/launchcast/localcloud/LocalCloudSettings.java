package io.launchcast.localcloud;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the local stand-ins are laid out: where they keep their data, which ports they listen on, which queues
 * exist and which object-store prefixes announce new objects to which queue.
 *
 * @param dataDir directory that holds the object store's files; {@code null} keeps everything in memory (tests)
 * @param queueStore directory of the queue database (queues and messages in flight, written through on every
 *                   change so that a killed process loses no event); {@code null} keeps queues in memory
 * @param host interface both servers bind to; loopback by default so nothing is exposed
 * @param s3Port port of the S3-compatible endpoint, 0 for any free port
 * @param sqsPort port of the SQS-compatible endpoint, 0 for any free port
 * @param accessKey the access key clients sign with (SigV4 is verified, as on AWS)
 * @param secretKey the matching secret key
 * @param region region clients sign for
 * @param bucket the bucket created at start-up
 * @param queues queues created at start-up (each also gets a dead-letter queue named {@code <queue>-dlq})
 * @param notifications prefixes whose new objects produce an S3 event notification on a queue
 */
public record LocalCloudSettings(Path dataDir, Path queueStore, String host, int s3Port, int sqsPort, String accessKey,
        String secretKey, String region, String bucket, List<String> queues, List<NotificationRule> notifications) {

    /** Default credentials of the local stand-ins; they protect nothing and are not secrets. */
    public static final String LOCAL_ACCESS_KEY = "launchcast";
    public static final String LOCAL_SECRET_KEY = "launchcast-local-secret";

    public LocalCloudSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bucket, "bucket");
        queues = List.copyOf(queues);
        notifications = List.copyOf(notifications);
        for (NotificationRule rule : notifications) {
            if (!queues.contains(rule.queue())) {
                throw new IllegalArgumentException("notification rule " + rule + " names a queue that is not declared");
            }
        }
    }

    /** The layout the Launchcast suite expects: one bucket, one inbox queue per service, landing/ watched. */
    public static LocalCloudSettings launchcastDefaults(Path dataDir, int s3Port, int sqsPort) {
        return new LocalCloudSettings(dataDir, null, "127.0.0.1", s3Port, sqsPort, LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY,
                "us-east-1", "launchcast",
                List.of("launchcast-landing", "launchcast-ingestion-events", "launchcast-feature-events",
                        "launchcast-forecast-events", "launchcast-monitor-events"),
                List.of(new NotificationRule("landing/", "launchcast-landing")));
    }

    /** These settings with queues and their messages kept in a database under {@code directory}. */
    public LocalCloudSettings withQueueStore(Path directory) {
        return new LocalCloudSettings(dataDir, directory, host, s3Port, sqsPort, accessKey, secretKey, region, bucket,
                queues, notifications);
    }

    /** Objects created under {@code prefix} are announced on {@code queue}. */
    public record NotificationRule(String prefix, String queue) {
        public NotificationRule {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(queue, "queue");
        }

        boolean matches(String key) {
            return key.startsWith(prefix);
        }
    }
}
