package io.launchcast.infra.ml;

import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.delivery.ServiceImages;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariable;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codebuild.LoggingOptions;
import software.amazon.awscdk.services.codebuild.CloudWatchLoggingOptions;
import software.amazon.awscdk.services.codebuild.Project;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sagemaker.CfnEndpointConfig;
import software.amazon.awscdk.services.sagemaker.CfnModel;
import software.amazon.awscdk.services.sagemaker.CfnModelPackageGroup;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Machine learning on SageMaker: the model package group forecast-service registers to, the execution roles
 * of its pipeline (and the pipeline's training steps) and of Batch Transform and endpoints, the endpoint
 * configuration of the forecast container with data capture, and the model deployment that an approval in the
 * registry starts (the rule is in the events stack).
 *
 * <p>The SageMaker pipeline itself is not declared here: forecast-service creates it on its first launch and
 * updates it afterwards ({@code SageMakerPipelineLauncher}), because its definition is generated from the
 * service's own step code and parameters (docs/adr/0095). This stack owns its name, role and rights.
 */
public class MlStack extends Stack {

    /** Instance type of the forecast endpoint (the container answers /ping in under 2 s on 2 vCPUs). */
    public static final String ENDPOINT_INSTANCE_TYPE = "ml.m5.large";

    private final String modelPackageGroupName;
    private final String pipelineName;
    private final String endpointName;
    private final Role pipelineRole;
    private final Role modelRole;
    private final Project modelDeployment;

    public MlStack(Construct scope, String id, StackProps props, StageSettings stage, ServiceConfiguration services,
            DataStack data, ServiceImages images) {
        super(scope, id, props);
        modelPackageGroupName = services.modelPackageGroup();
        pipelineName = services.pipelineName();
        endpointName = services.captureEndpointName();
        IRepository forecastImages = images.repository(this, "forecast-service");
        String forecastImage = images.imageUri("forecast-service", stage.imageTag());

        CfnModelPackageGroup.Builder.create(this, "ModelPackageGroup")
                .modelPackageGroupName(modelPackageGroupName)
                .modelPackageGroupDescription("Launch demand models: versions registered by the training pipeline, "
                        + "approved by the approval role")
                .build();

        // one role for the pipeline and its steps: forecast-service's pipeline definition passes the same role
        // ARN to every step (SageMakerPipelineDefinition), so a separate training role would never be used
        pipelineRole = Role.Builder.create(this, "PipelineExecutionRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker pipeline " + pipelineName + " and its training, processing and register steps")
                .build();
        pipelineRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
                        "sagemaker:StopTrainingJob", "sagemaker:CreateProcessingJob",
                        "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob", "sagemaker:AddTags"))
                .resources(List.of(arn("training-job/*"), arn("processing-job/*")))
                .build());
        pipelineRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage",
                        "sagemaker:DescribeModelPackageGroup", "sagemaker:AddTags"))
                .resources(List.of(arn("model-package-group/" + modelPackageGroupName),
                        arn("model-package/" + modelPackageGroupName + "/*")))
                .build());
        passOnlyToSageMaker(pipelineRole, pipelineRole);

        // Batch Transform jobs and endpoints run the registered model packages with this role
        modelRole = Role.Builder.create(this, "ModelExecutionRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("SageMaker Batch Transform jobs and the forecast endpoint: the forecast container")
                .build();

        for (Role role : List.of(pipelineRole, modelRole)) {
            // training reads curated data, features and training sets and writes models/ and pipeline/; a
            // Batch Transform job reads and writes where the batch request says: the whole data bucket
            data.dataBucket().grantReadWrite(role);
            data.dataKey().grantEncryptDecrypt(role);
            forecastImages.grantPull(role);
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                            "logs:DescribeLogStreams"))
                    .resources(List.of("arn:aws:logs:" + getRegion() + ":" + getAccount()
                            + ":log-group:/aws/sagemaker/*"))
                    .build());
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("cloudwatch:PutMetricData"))
                    // PutMetricData has no resource-level permission; the namespace condition is the scope
                    .resources(List.of("*"))
                    .conditions(Map.of("StringLike", Map.of("cloudwatch:namespace", "/aws/sagemaker/*")))
                    .build());
            role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("ecr:GetAuthorizationToken"))
                    // GetAuthorizationToken has no resource-level permission
                    .resources(List.of("*"))
                    .build());
            NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                    .reason("SageMaker names its jobs, log streams and model package versions itself, so they are "
                            + "granted by prefix (training-job/*, /aws/sagemaker/*, model-package/" + modelPackageGroupName
                            + "/*); the data bucket's objects are granted as a whole because training and Batch "
                            + "Transform read and write every prefix of the suite's layout; cloudwatch:PutMetricData "
                            + "and ecr:GetAuthorizationToken have no resource-level permissions (PutMetricData is "
                            + "limited to the /aws/sagemaker/ namespaces by condition).")
                    .build()), true);
        }

        DataCapture capture = new DataCapture(data.dataBucket().s3UrlForObject(DataStack.CAPTURE_PREFIX.replace("/", "")),
                data.dataKey().getKeyArn(), services.captureSamplingPercentage());

        // the endpoint's first model: the forecast container loads the champion from the registry itself, so it
        // can serve before any package is deployed; the model deployment replaces it with approved packages
        CfnModel forecastModel = CfnModel.Builder.create(this, "ForecastModel")
                .executionRoleArn(modelRole.getRoleArn())
                .primaryContainer(CfnModel.ContainerDefinitionProperty.builder()
                        .image(forecastImage)
                        .environment(Map.of(
                                "SPRING_PROFILES_ACTIVE", "aws",
                                "LAUNCHCAST_OBJECT_STORE_BUCKET", data.dataBucketName(),
                                "LAUNCHCAST_REGISTRY_TYPE", "aws",
                                "LAUNCHCAST_REGISTRY_DEFAULT_GROUP", modelPackageGroupName,
                                "LAUNCHCAST_REGISTRY_SAGEMAKER_IMAGE_URI", forecastImage,
                                // the endpoint's data capture records every request: the container's own
                                // capture would write each one twice
                                "LAUNCHCAST_CAPTURE_SAMPLING_PERCENTAGE", "0"))
                        .build())
                .build();
        forecastModel.getNode().addDependency(modelRole);
        NagSuppressions.addResourceSuppressions(forecastModel, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SM1").reason("The container reaches only S3 and "
                        + "SageMaker APIs (over TLS, with its role); there is no resource in the VPC for it to reach.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-SM2").reason("Network isolation would cut the "
                        + "container off the registry it loads the champion model from (S3).").build()));

        CfnEndpointConfig endpointConfig = CfnEndpointConfig.Builder.create(this, "ForecastEndpointConfig")
                .kmsKeyId(data.dataKey().getKeyArn())
                .productionVariants(List.of(CfnEndpointConfig.ProductionVariantProperty.builder()
                        .variantName("AllTraffic")
                        .modelName(forecastModel.getAttrModelName())
                        .initialInstanceCount(1)
                        .instanceType(ENDPOINT_INSTANCE_TYPE)
                        .initialVariantWeight(1)
                        .build()))
                .dataCaptureConfig(CfnEndpointConfig.DataCaptureConfigProperty.builder()
                        .enableCapture(true)
                        .initialSamplingPercentage(capture.samplingPercentage())
                        .destinationS3Uri(capture.destinationS3Uri())
                        .kmsKeyId(capture.kmsKeyId())
                        .captureOptions(List.of(
                                CfnEndpointConfig.CaptureOptionProperty.builder().captureMode("Input").build(),
                                CfnEndpointConfig.CaptureOptionProperty.builder().captureMode("Output").build()))
                        .captureContentTypeHeader(CfnEndpointConfig.CaptureContentTypeHeaderProperty.builder()
                                .jsonContentTypes(DataCapture.JSON_CONTENT_TYPES)
                                .csvContentTypes(DataCapture.CSV_CONTENT_TYPES)
                                .build())
                        .build())
                .build();

        modelDeployment = modelDeployment(capture, data);

        StringParameter.Builder.create(this, "PipelineRoleParameter")
                .parameterName("/launchcast/ml/pipeline-role-arn")
                .stringValue(pipelineRole.getRoleArn())
                .description("Execution role of the SageMaker pipeline " + pipelineName)
                .build();
        StringParameter.Builder.create(this, "EndpointConfigParameter")
                .parameterName("/launchcast/ml/initial-endpoint-config")
                .stringValue(endpointConfig.getAttrEndpointConfigName())
                .description("Endpoint configuration of " + endpointName + " before any package is deployed")
                .build();
    }

    /**
     * A CodeBuild project that deploys an approved model package to the {@code endpointName} endpoint: a
     * SageMaker model of the package, an endpoint configuration with the same data capture as the initial one,
     * then CreateEndpoint or UpdateEndpoint (a blue/green swap SageMaker does without downtime).
     */
    private Project modelDeployment(DataCapture capture, DataStack data) {
        Role role = Role.Builder.create(this, "ModelDeploymentRole")
                .assumedBy(new ServicePrincipal("codebuild.amazonaws.com"))
                .description("Deploys approved " + modelPackageGroupName + " packages to the " + endpointName + " endpoint")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sagemaker:DescribeModelPackage"))
                .resources(List.of(arn("model-package/" + modelPackageGroupName + "/*")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sagemaker:CreateModel", "sagemaker:CreateEndpointConfig",
                        "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint"))
                .resources(List.of(arn("model/" + endpointName + "-*"), arn("endpoint-config/" + endpointName + "-*"),
                        arn("endpoint/" + endpointName)))
                .build());
        passOnlyToSageMaker(role, modelRole);
        role.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                // SageMaker encrypts the endpoint's volumes and capture with the data key on the caller's behalf
                .actions(List.of("kms:CreateGrant", "kms:DescribeKey"))
                .resources(List.of(capture.kmsKeyId()))
                .build());

        LogGroup logs = LogGroup.Builder.create(this, "ModelDeploymentLogs")
                .retention(RetentionDays.ONE_YEAR)
                .encryptionKey(data.dataKey())
                .build();
        Project project = Project.Builder.create(this, "ModelDeployment")
                .projectName("launchcast-model-deployment")
                .description("Deploys the model package an approval names to the " + endpointName + " endpoint")
                .role(role)
                .environment(BuildEnvironment.builder().buildImage(LinuxBuildImage.STANDARD_7_0).build())
                .environmentVariables(Map.of(
                        "ENDPOINT_NAME", plain(endpointName),
                        "MODEL_ROLE_ARN", plain(modelRole.getRoleArn()),
                        "INSTANCE_TYPE", plain(ENDPOINT_INSTANCE_TYPE),
                        "KMS_KEY_ARN", plain(capture.kmsKeyId()),
                        "DATA_CAPTURE_CONFIG", plain(toJsonString(capture.asCliObject())),
                        // set by the approval rule from the event
                        "MODEL_PACKAGE_ARN", plain("")))
                .buildSpec(BuildSpec.fromObject(Map.of(
                        "version", "0.2",
                        "phases", Map.of("build", Map.of("commands", List.of(
                                "test -n \"$MODEL_PACKAGE_ARN\"",
                                "name=\"$ENDPOINT_NAME-$(date -u +%Y%m%d%H%M%S)\"",
                                "aws sagemaker create-model --model-name \"$name\" --execution-role-arn \"$MODEL_ROLE_ARN\" "
                                        + "--primary-container ModelPackageName=\"$MODEL_PACKAGE_ARN\"",
                                "aws sagemaker create-endpoint-config --endpoint-config-name \"$name\" --kms-key-id \"$KMS_KEY_ARN\" "
                                        + "--production-variants VariantName=AllTraffic,ModelName=\"$name\",InitialInstanceCount=1,"
                                        + "InstanceType=\"$INSTANCE_TYPE\" --data-capture-config \"$DATA_CAPTURE_CONFIG\"",
                                "if aws sagemaker describe-endpoint --endpoint-name \"$ENDPOINT_NAME\" >/dev/null 2>&1; then "
                                        + "aws sagemaker update-endpoint --endpoint-name \"$ENDPOINT_NAME\" --endpoint-config-name \"$name\"; "
                                        + "else aws sagemaker create-endpoint --endpoint-name \"$ENDPOINT_NAME\" --endpoint-config-name \"$name\"; fi"))))))
                .encryptionKey(data.dataKey())
                .timeout(Duration.minutes(30))
                .logging(LoggingOptions.builder().cloudWatch(CloudWatchLoggingOptions.builder().logGroup(logs).build()).build())
                .build();
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("Models and endpoint configurations are named <endpoint>-<timestamp> at deployment time, and "
                        + "package versions are numbered by the registry: both are granted by that prefix only. "
                        + "CodeBuild's own log and report grants are generated by CDK for this project.")
                .build()), true);
        return project;
    }

    private void passOnlyToSageMaker(Role grantee, Role passed) {
        grantee.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(passed.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
                .build());
    }

    private static BuildEnvironmentVariable plain(String value) {
        return BuildEnvironmentVariable.builder().value(value).build();
    }

    private String arn(String resource) {
        return "arn:aws:sagemaker:" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    public String modelPackageGroupName() {
        return modelPackageGroupName;
    }

    public String modelPackageGroupArn() {
        return arn("model-package-group/" + modelPackageGroupName);
    }

    /** ARNs of the group's package versions. */
    public String modelPackagesArn() {
        return arn("model-package/" + modelPackageGroupName + "/*");
    }

    public String pipelineName() {
        return pipelineName;
    }

    public String pipelineArn() {
        return arn("pipeline/" + pipelineName);
    }

    public String endpointName() {
        return endpointName;
    }

    public Role pipelineRole() {
        return pipelineRole;
    }

    public Role modelRole() {
        return modelRole;
    }

    public Project modelDeployment() {
        return modelDeployment;
    }

    /**
     * The data capture of the forecast endpoint, in one place for the initial endpoint configuration and the
     * model deployment's: under {@code capture/}, where forecast-service's own capture writes (SageMaker's
     * layout) and monitor-service reads.
     */
    record DataCapture(String destinationS3Uri, String kmsKeyId, int samplingPercentage) {

        static final List<String> JSON_CONTENT_TYPES = List.of("application/json", "application/jsonlines");
        static final List<String> CSV_CONTENT_TYPES = List.of("text/csv");

        /** The DataCaptureConfig as the AWS CLI takes it (to be rendered with the stack's toJsonString). */
        Map<String, Object> asCliObject() {
            return (Map.of(
                    "EnableCapture", true,
                    "InitialSamplingPercentage", samplingPercentage,
                    "DestinationS3Uri", destinationS3Uri,
                    "KmsKeyId", kmsKeyId,
                    "CaptureOptions", List.of(Map.of("CaptureMode", "Input"), Map.of("CaptureMode", "Output")),
                    "CaptureContentTypeHeader", Map.of("JsonContentTypes", JSON_CONTENT_TYPES,
                            "CsvContentTypes", CSV_CONTENT_TYPES)));
        }
    }
}
