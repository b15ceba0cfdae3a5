package io.launchcast.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stand-in run as the README runs it, its own process, killed with SIGKILL: the events that were queued,
 * and the one a consumer held without deleting, are delivered by the restarted process.
 */
class LocalCloudRestartTest {

    private static final String QUEUE = "launchcast-feature-events";

    @TempDir
    Path dataDir;
    private Process process;
    private SqsClient sqs;

    @AfterEach
    void stop() throws InterruptedException {
        if (sqs != null) {
            sqs.close();
        }
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void eventsInFlightSurviveAKillNineOfTheStandIn() throws Exception {
        int s3Port = freePort();
        int sqsPort = freePort();
        start(s3Port, sqsPort);
        String url = sqs.getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("queued"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("held"));
        // a consumer takes one message and dies before deleting it: it must come back after its visibility
        List<Message> taken = new ArrayList<>();
        while (taken.isEmpty()) {
            taken.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(2))
                    .messages());
        }

        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        sqs.close();
        start(s3Port, sqsPort);

        List<String> delivered = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (delivered.size() < 2 && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                delivered.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(delivered).containsExactlyInAnyOrder("queued", "held");
        assertThat(taken.get(0).body()).isIn("queued", "held");
    }

    private void start(int s3Port, int sqsPort) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-Xmx256m", "-Dlaunchcast.data-dir=" + dataDir,
                "-Dlaunchcast.local.s3-port=" + s3Port, "-Dlaunchcast.local.sqs-port=" + sqsPort,
                "-cp", System.getProperty("java.class.path"), LocalCloudMain.class.getName())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("local-cloud.log").toFile()).start();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalCloudSettings.LOCAL_ACCESS_KEY, LocalCloudSettings.LOCAL_SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                sqs.getQueueUrl(b -> b.queueName(QUEUE));
                return;
            } catch (RuntimeException notYet) {
                assertThat(process.isAlive()).as("local-cloud process alive (see its log in %s)", dataDir).isTrue();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
