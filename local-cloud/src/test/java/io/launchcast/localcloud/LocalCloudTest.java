package io.launchcast.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class LocalCloudTest {

    @TempDir
    static Path dataDir;
    static LocalCloud cloud;
    static S3Client s3;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudSettings.launchcastDefaults(dataDir, 0, 0));
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalCloudSettings.LOCAL_ACCESS_KEY, LocalCloudSettings.LOCAL_SECRET_KEY));
        s3 = S3Client.builder().endpointOverride(cloud.s3Endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(cloud.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void objectPutUnderWatchedPrefixIsAnnouncedAsS3EventNotification() throws Exception {
        s3.putObject(b -> b.bucket("launchcast").key("landing/sales 2024.csv"), RequestBody.fromString("a,b\n1,2\n"));

        List<Message> messages = receive("launchcast-landing");

        assertThat(messages).hasSize(1);
        JsonNode record = new ObjectMapper().readTree(messages.get(0).body()).path("Records").get(0);
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo("launchcast");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("landing/sales+2024.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(8);
    }

    @Test
    void objectOutsideWatchedPrefixIsStoredOnDiskButNotAnnounced() throws Exception {
        s3.putObject(b -> b.bucket("launchcast").key("curated/x.txt"), RequestBody.fromString("x"));

        assertThat(s3.getObjectAsBytes(b -> b.bucket("launchcast").key("curated/x.txt")).asUtf8String()).isEqualTo("x");
        assertThat(Files.exists(dataDir.resolve("launchcast").resolve("curated").resolve("x.txt"))).isTrue();
        assertThat(receive("launchcast-landing")).isEmpty();
    }

    @Test
    void rejectsRequestsSignedWithWrongSecret() {
        S3Client intruder = S3Client.builder().endpointOverride(cloud.s3Endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("launchcast", "wrong")))
                .httpClient(UrlConnectionHttpClient.create()).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> intruder.listObjectsV2(b -> b.bucket("launchcast")))
                .hasMessageContaining("403");
    }

    private static List<Message> receive(String queue) {
        String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
        messages.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }

}
