package io.launchcast.platform.objectstore.aws;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The same contract against LocalStack's S3, i.e. the adapter as aws mode uses it. Needs Docker; skipped
 * cleanly where there is none (as on the build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class S3ObjectStoreOnLocalStackIT implements ObjectStoreContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse("localstack/localstack:4.4")).withServices("s3");

    static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        S3Client s3 = S3Client.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .forcePathStyle(true)
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        s3.createBucket(b -> b.bucket("launchcast-it"));
        store = new S3ObjectStore(s3, "launchcast-it");
    }

    @Override
    public ObjectStore store() {
        return store;
    }
}
