package io.launchcast.infra.catalog;

import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.data.DataStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnJob;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * Catalog and ETL: the Glue database ingestion registers its tables in, and the Glue job it starts for the set
 * work of a run (docs/adr/0006, 0020) with its role and encryption settings.
 *
 * <p>Tables are not declared here: ingestion creates {@code <dataset>_<table>} and its partitions when it
 * publishes a version (GetTable, CreateTable or UpdateTable, BatchCreatePartition), so a new dataset needs no
 * deployment. Its task role may do exactly that, on this database only.
 */
public class CatalogStack extends Stack {

    /** The Glue job's name; the ingestion task definition passes it as {@code launchcast.ingestion.catalog.job.name}. */
    public static final String TRANSFORM_JOB_NAME = "launchcast-transform";

    private final String databaseName;
    private final CfnJob transformJob;

    public CatalogStack(Construct scope, String id, StackProps props, ServiceConfiguration services, DataStack data) {
        super(scope, id, props);
        databaseName = services.glueDatabase();

        CfnDatabase.Builder.create(this, "Database")
                .catalogId(getAccount())
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("Launchcast curated datasets: one table per dataset and canonical table")
                        .build())
                .build();

        CfnSecurityConfiguration encryption = CfnSecurityConfiguration.Builder.create(this, "JobEncryption")
                .name("launchcast-transform")
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-KMS").kmsKeyArn(data.dataKey().getKeyArn()).build()))
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(data.dataKey().getKeyArn()).build())
                        .jobBookmarksEncryption(CfnSecurityConfiguration.JobBookmarksEncryptionProperty.builder()
                                .jobBookmarksEncryptionMode("CSE-KMS").kmsKeyArn(data.dataKey().getKeyArn()).build())
                        .build())
                .build();

        Asset script = Asset.Builder.create(this, "TransformScript")
                .path(services.root().resolve("infra/src/main/glue/transform.py").toString())
                .build();

        Role jobRole = Role.Builder.create(this, "TransformJobRole")
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Glue job launchcast-transform: reads staged rows and writes its output under ingestion/")
                .build();
        script.grantRead(jobRole);
        // the service stages under ingestion/jobs/<run>/staging/ and reads ingestion/jobs/<run>/output/ back
        data.dataBucket().grantReadWrite(jobRole, DataStack.GLUE_PREFIX + "*");
        data.dataKey().grantEncryptDecrypt(jobRole);
        jobRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:AssociateKmsKey"))
                .resources(List.of("arn:aws:logs:" + getRegion() + ":" + getAccount() + ":log-group:/aws-glue/*"))
                .build());
        NagSuppressions.addResourceSuppressions(jobRole, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("Scoped to what a run touches: the ingestion/ prefix of the data bucket (run ids are not "
                        + "known in advance), the /aws-glue/ log groups Glue names itself, the script asset, and "
                        + "KMS GenerateDataKey*/ReEncrypt* on the data key only.")
                .build()), true);

        transformJob = CfnJob.Builder.create(this, "TransformJob")
                .name(TRANSFORM_JOB_NAME)
                .description("Runs ingestion's transform.sql in Spark SQL over a run's staged rows (ADR 0006, 0020)")
                .role(jobRole.getRoleArn())
                .glueVersion("4.0")
                .workerType("G.1X")
                .numberOfWorkers(2)
                // ingestion's launchcast.ingestion.catalog.job.timeout (2h) fails the run first; Glue stops after
                .timeout(150)
                .maxRetries(0)
                .securityConfiguration(encryption.getName())
                .command(CfnJob.JobCommandProperty.builder()
                        .name("glueetl")
                        .pythonVersion("3")
                        .scriptLocation(script.getS3ObjectUrl())
                        .build())
                .defaultArguments(Map.of(
                        "--job-language", "python",
                        "--enable-continuous-cloudwatch-log", "true",
                        "--enable-metrics", "true"))
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(4).build())
                .build();
        transformJob.getNode().addDependency(encryption);
    }

    public String databaseName() {
        return databaseName;
    }

    public String transformJobName() {
        return transformJob.getName();
    }

    /** ARN of the transform job, for the ingestion task role. */
    public String transformJobArn() {
        return "arn:aws:glue:" + getRegion() + ":" + getAccount() + ":job/" + TRANSFORM_JOB_NAME;
    }
}
