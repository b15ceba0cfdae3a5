package io.launchcast.localcloud;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stand-ins as their own process, for the README's run command and for users who point their
 * own S3 or SQS tools at them. Stops cleanly on SIGINT/SIGTERM, so the data directory is never left mid-write.
 *
 * <p>Settings come from system properties: {@code launchcast.data-dir} (default {@code ./data}),
 * {@code launchcast.local.s3-port} (9000) and {@code launchcast.local.sqs-port} (9324). Objects live under
 * {@code <data-dir>/s3}, queues and the messages in them under {@code <data-dir>/sqs}: both survive a restart.
 */
public final class LocalCloudMain {

    private LocalCloudMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("launchcast.data-dir", "data")).toAbsolutePath();
        int s3Port = Integer.getInteger("launchcast.local.s3-port", 9000);
        int sqsPort = Integer.getInteger("launchcast.local.sqs-port", 9324);
        LocalCloud cloud = LocalCloud.start(LocalCloudSettings.launchcastDefaults(root.resolve("s3"), s3Port, sqsPort)
                .withQueueStore(root.resolve("sqs")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        System.out.println("local-cloud S3  " + cloud.s3Endpoint() + "  bucket " + cloud.settings().bucket());
        System.out.println("local-cloud SQS " + cloud.sqsEndpoint());
        stopped.await();
    }
}
