package io.launchcast.infra.featurestore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.ServiceConfiguration.FeatureGroups;
import io.launchcast.infra.data.DataStack;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sagemaker.CfnFeatureGroup;
import software.constructs.Construct;

/**
 * The SageMaker feature groups feature-service writes, one per group of {@code feature-groups.yml}, each with
 * an online store (serving reads) and an offline store in the data bucket (point-in-time history, queryable with
 * Athena through the Glue table Feature Store registers), both encrypted with the data key.
 *
 * <p>Only the record identifier and the event time are declared: the other features are named after the
 * dataset's attributes (e.g. {@code attr.colour}), known only when a dataset is synced. Feature Store allows
 * adding features to a group (UpdateFeatureGroup), which feature-service's task role may do on these groups.
 */
public class FeatureStoreStack extends Stack {

    private final List<String> featureGroupNames = new ArrayList<>();

    public FeatureStoreStack(Construct scope, String id, StackProps props, ServiceConfiguration services,
            DataStack data) {
        super(scope, id, props);
        FeatureGroups groups = services.featureGroups();

        Role offlineStoreRole = Role.Builder.create(this, "OfflineStoreRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker Feature Store writes the offline store of the Launchcast feature groups")
                .build();
        data.dataBucket().grantReadWrite(offlineStoreRole, DataStack.FEATURE_STORE_OFFLINE_PREFIX + "*");
        data.dataKey().grantEncryptDecrypt(offlineStoreRole);
        offlineStoreRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(data.dataBucket().getBucketArn()))
                .build());
        // the offline store registers a Glue table per group in the default catalog database (Feature Store's)
        offlineStoreRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable", "glue:GetDatabase",
                        "glue:CreateDatabase"))
                .resources(List.of("arn:aws:glue:" + getRegion() + ":" + getAccount() + ":catalog",
                        "arn:aws:glue:" + getRegion() + ":" + getAccount() + ":database/sagemaker_featurestore",
                        "arn:aws:glue:" + getRegion() + ":" + getAccount() + ":table/sagemaker_featurestore/*"))
                .build());
        NagSuppressions.addResourceSuppressions(offlineStoreRole, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Feature Store writes objects under features/sagemaker-offline/ with keys it generates, and "
                        + "names its Glue tables after the groups in its own sagemaker_featurestore database; KMS "
                        + "GenerateDataKey*/ReEncrypt* are on the data key only.")
                .build()), true);

        for (FeatureGroups.Group group : groups.groups()) {
            CfnFeatureGroup featureGroup = CfnFeatureGroup.Builder.create(this, "FeatureGroup-" + group.name())
                    .featureGroupName(group.name())
                    .description(truncated(group.description(), 128))
                    .recordIdentifierFeatureName(groups.recordIdentifierName())
                    .eventTimeFeatureName(groups.eventTimeName())
                    .featureDefinitions(List.of(
                            CfnFeatureGroup.FeatureDefinitionProperty.builder()
                                    .featureName(groups.recordIdentifierName()).featureType("String").build(),
                            // feature-service sends the launch date as an ISO-8601 instant
                            CfnFeatureGroup.FeatureDefinitionProperty.builder()
                                    .featureName(groups.eventTimeName()).featureType("String").build()))
                    // these two properties are untyped JSON in the CloudFormation schema: the builder structs
                    // would be rendered with camelCase keys, which CloudFormation rejects, so they are spelled out
                    .onlineStoreConfig(Map.of(
                            "EnableOnlineStore", true,
                            "SecurityConfig", Map.of("KmsKeyId", data.dataKey().getKeyArn())))
                    .offlineStoreConfig(Map.of("S3StorageConfig", Map.of(
                            "S3Uri", data.dataBucket().s3UrlForObject(DataStack.FEATURE_STORE_OFFLINE_PREFIX),
                            "KmsKeyId", data.dataKey().getKeyArn())))
                    .roleArn(offlineStoreRole.getRoleArn())
                    .build();
            featureGroup.getNode().addDependency(offlineStoreRole);
            featureGroupNames.add(group.name());
        }
    }

    public List<String> featureGroupNames() {
        return List.copyOf(featureGroupNames);
    }

    /** ARN of a feature group, for the feature-service task role. */
    public String featureGroupArn(String name) {
        return "arn:aws:sagemaker:" + getRegion() + ":" + getAccount() + ":feature-group/" + name;
    }

    private static String truncated(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        // CloudFormation counts bytes; the descriptions are ASCII
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }
}
