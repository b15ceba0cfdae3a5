package io.launchcast.forecast.registry.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.registry.CorruptModelArtifactException;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelRegistryContract;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.localcloud.LocalCloud;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/** The registry contract on the object store (S3 stand-in), as local mode runs it. */
class ObjectStoreModelRegistryTest implements ModelRegistryContract {

    static S3ObjectStore store;
    static ObjectStoreModelRegistry registry;

    @BeforeAll
    static void connect() {
        LocalCloud cloud = LocalCloudExtension.localCloud();
        S3Client s3 = S3Client.builder().endpointOverride(cloud.s3Endpoint()).forcePathStyle(true)
                .region(Region.of(cloud.settings().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cloud.settings().accessKey(), cloud.settings().secretKey())))
                .httpClient(UrlConnectionHttpClient.create()).build();
        store = new S3ObjectStore(s3, cloud.settings().bucket());
        registry = new ObjectStoreModelRegistry(store, JsonMapper.builder().build(), Clock.systemUTC());
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Test
    void refusesToLoadAnArtifactWhoseBytesChanged() {
        ModelVersion version = registry.register(ModelRegistryContract.registration("tamper-check", "original", 1));
        store.put(version.artifactKey(), "tampered".getBytes(), "application/octet-stream");

        assertThatThrownBy(() -> registry.artifact("tamper-check", version.version()))
                .isInstanceOf(CorruptModelArtifactException.class);
    }
}
