package io.launchcast.platform.testing;

import io.launchcast.localcloud.LocalCloud;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.aws.NoExpectContinue;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Test kit: the object store as local mode runs it (the S3 adapter on the shared S3 stand-in), without Spring. */
public final class LocalObjectStores {

    private LocalObjectStores() {
    }

    public static S3ObjectStore onLocalCloud() {
        LocalCloud cloud = LocalCloudExtension.localCloud();
        S3Client s3 = S3Client.builder()
                .endpointOverride(cloud.s3Endpoint())
                .forcePathStyle(true)
                .region(Region.of(cloud.settings().region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cloud.settings().accessKey(), cloud.settings().secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new NoExpectContinue()))
                .build();
        return new S3ObjectStore(s3, cloud.settings().bucket());
    }
}
