package io.launchcast.infra.data;

import java.util.List;
import java.util.Map;

import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The suite's storage: the one data bucket every service reads and writes (landing, curated, quarantine,
 * feature offline store, training sets, pipeline, models, capture, monitoring reports are prefixes of it, as
 * {@code launchcast.object-store.bucket} is one bucket), its KMS key, and the logs bucket.
 *
 * <p>Both buckets survive {@code cdk destroy}: they hold the curated data, the registry and the audit trail.
 */
public class DataStack extends Stack {

    /** Prefixes the services write (docs/architecture.md, "Object-store layout"). */
    public static final String LANDING_PREFIX = "landing/";
    public static final String CAPTURE_PREFIX = "capture/";
    public static final String MONITORING_PREFIX = "monitoring/";
    public static final String FEATURE_STORE_OFFLINE_PREFIX = "features/sagemaker-offline/";
    public static final String GLUE_PREFIX = "ingestion/";

    /** How long access logs, load balancer logs and exported application logs are kept. */
    public static final Duration LOG_RETENTION = Duration.days(365);

    private final Key dataKey;
    private final String dataBucketName;
    private final Bucket dataBucket;
    private final Bucket logsBucket;

    public DataStack(Construct scope, String id, StackProps props, StageSettings stage, ServiceConfiguration services) {
        super(scope, id, props);

        dataKey = Key.Builder.create(this, "DataKey")
                .alias("alias/launchcast/data")
                .description("Launchcast data at rest: data bucket, feature store, SageMaker volumes and capture")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // CloudWatch Logs encrypts the suite's log groups (services, Glue, flow logs, access logs) with this key
        dataKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("logs." + stage.region() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"))
                // a key policy's resource is always the key itself
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:aws:logs:" + stage.region() + ":" + stage.account() + ":*")))
                .build());

        // S3 server access logging cannot write to a KMS-encrypted bucket, nor can ELB access logs: SSE-S3 here
        logsBucket = Bucket.Builder.create(this, "LogsBucket")
                .bucketName("launchcast-logs-" + stage.account() + "-" + stage.region())
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("logs-to-infrequent-access-then-expire")
                        .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30)).build()))
                        .expiration(LOG_RETENTION)
                        .noncurrentVersionExpiration(Duration.days(7))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        int captureDays = (int) services.captureRetention().toDays();
        dataBucketName = dataBucketName(services, stage);
        dataBucket = Bucket.Builder.create(this, "DataBucket")
                // S3 names are global: the services' bucket name, made unique per account and region; the task
                // definitions pass it as LAUNCHCAST_OBJECT_STORE_BUCKET
                .bucketName(dataBucketName)
                .encryption(BucketEncryption.KMS)
                .encryptionKey(dataKey)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                // the registry, curated versions and monitoring history must survive an overwrite or a delete
                .versioned(true)
                .serverAccessLogsBucket(logsBucket)
                .serverAccessLogsPrefix("s3-access/data/")
                .lifecycleRules(lifecycleRules(captureDays))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** The data bucket's name in a stage: the services' bucket name, account and region. */
    public static String dataBucketName(ServiceConfiguration services, StageSettings stage) {
        return services.bucket() + "-" + stage.account() + "-" + stage.region();
    }

    private static List<LifecycleRule> lifecycleRules(int captureDays) {
        LifecycleRule.Builder capture = LifecycleRule.builder().id("capture-retention").prefix(CAPTURE_PREFIX)
                .noncurrentVersionExpiration(Duration.days(1));
        if (captureDays > 0) {
            // replaces forecast-service's CaptureRetention sweep on AWS (launchcast.capture.retention; the task
            // definition turns the sweep off); 0 in the services' configuration means "keep forever"
            capture.expiration(Duration.days(captureDays));
        }
        return List.of(
                capture.build(),
                LifecycleRule.builder().id("monitoring-reports-to-infrequent-access").prefix(MONITORING_PREFIX)
                        .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(90)).build()))
                        .build(),
                LifecycleRule.builder().id("landing-files-to-infrequent-access").prefix(LANDING_PREFIX)
                        .transitions(List.of(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30)).build()))
                        .build(),
                // versioning keeps overwritten and deleted objects; a month is enough to undo a mistake
                LifecycleRule.builder().id("old-versions").noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build());
    }

    public Key dataKey() {
        return dataKey;
    }

    /** The data bucket's name as a plain string: what the services' task definitions are given. */
    public String dataBucketName() {
        return dataBucketName;
    }

    public Bucket dataBucket() {
        return dataBucket;
    }

    public Bucket logsBucket() {
        return logsBucket;
    }
}
