package io.launchcast.platform.objectstore.aws;

import io.launchcast.localcloud.LocalCloud;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreContract;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The object-store contract against the S3 adapter on the local S3Proxy stand-in (what local mode runs). */
class S3ObjectStoreOnLocalCloudTest implements ObjectStoreContract {

    static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        LocalCloud cloud = LocalCloudExtension.localCloud();
        S3Client s3 = S3Client.builder()
                .endpointOverride(cloud.s3Endpoint())
                .forcePathStyle(true)
                .region(Region.of(cloud.settings().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cloud.settings().accessKey(), cloud.settings().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        store = new S3ObjectStore(s3, cloud.settings().bucket());
    }

    @Override
    public ObjectStore store() {
        return store;
    }
}
