package io.launchcast.infra.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataStackTest {

    private static Template data;

    @BeforeAll
    static void synthesize() {
        data = SynthesizedApp.template(SynthesizedApp.staging().data());
    }

    @Test
    void theDataBucketIsEncryptedWithTheDataKeyVersionedPrivateAndRetained() {
        data.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Map.of(
                        "BucketName", Match.stringLikeRegexp("^launchcast-222222222222-eu-west-1$"),
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "BucketKeyEnabled", true,
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                        "KMSMasterKeyID", Match.anyValue())))),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "LoggingConfiguration", Map.of("LogFilePrefix", "s3-access/data/",
                                "DestinationBucketName", Match.anyValue())),
                "DeletionPolicy", "Retain"));
        data.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void captureExpiresAfterTheRetentionForecastServiceUses() {
        long days = SynthesizedApp.services().captureRetention().toDays();
        assertThat(days).isPositive();
        data.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Id", "capture-retention", "Prefix", "capture/",
                        "ExpirationInDays", days, "Status", "Enabled")))))));
    }

    @Test
    void logsMoveToInfrequentAccessAndExpireAfterAYear() {
        data.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "launchcast-logs-222222222222-eu-west-1",
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", 365,
                        "Transitions", List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30)))))))));
    }

    @Test
    void bothBucketsRefuseRequestsWithoutTls() {
        List<Object> policies = TemplateQueries.property(data, "AWS::S3::BucketPolicy", "PolicyDocument");
        assertThat(policies).hasSize(2).allSatisfy(policy -> assertThat(String.valueOf(policy))
                .contains("aws:SecureTransport=false", "Effect=Deny"));
    }
}
