package io.launchcast.infra.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.LaunchcastStage;
import io.launchcast.infra.config.PipelineSettings;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * Continuous delivery: the services' image repositories and a CodePipeline that takes every commit of the
 * branch through build and test ({@code ./mvnw -B verify}, the README's test command, which also synthesizes this
 * app and runs cdk-nag), synth, the images, staging, a manual approval, and production. CDK Pipelines updates
 * the pipeline itself first when the commit changed it.
 *
 * <p>Model deployment is not a stage of this pipeline: a model is approved in the registry, and the approval
 * event starts the model deployment of the stage that approved it (MlStack, EventsStack).
 */
public class DeliveryStack extends Stack {

    private final CodePipeline pipeline;
    private final LaunchcastStage staging;
    private final LaunchcastStage production;
    private final List<Repository> repositories = new ArrayList<>();

    public DeliveryStack(Construct scope, String id, StackProps props, PipelineSettings settings,
            StageSettings stagingSettings, StageSettings productionSettings, ServiceConfiguration services,
            ServiceImages images) {
        super(scope, id, props);

        Set<String> stageAccounts = new LinkedHashSet<>(List.of(stagingSettings.account(), productionSettings.account()));
        stageAccounts.remove(settings.account());
        for (String service : ServiceConfiguration.SERVICES) {
            Repository repository = Repository.Builder.create(this, "Images-" + service)
                    .repositoryName(ServiceImages.repositoryName(service))
                    .imageScanOnPush(true)
                    // a commit's tag is pushed once; staging and production run the very image that was tested
                    .imageTagMutability(TagMutability.IMMUTABLE)
                    .lifecycleRules(List.of(LifecycleRule.builder().description("keep the last 50 images")
                            .maxImageCount(50).build()))
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            // stages in other accounts pull from here: ECS tasks and SageMaker models
            stageAccounts.forEach(account -> repository.grantPull(new AccountPrincipal(account)));
            repositories.add(repository);
        }

        CodePipelineSource source = CodePipelineSource.connection(settings.repository(), settings.branch(),
                ConnectionSourceOptions.builder().connectionArn(settings.connectionArn()).build());
        BuildSpec java17AndNode20 = BuildSpec.fromObject(Map.of("phases", Map.of("install",
                Map.of("runtime-versions", Map.of("java", "corretto17", "nodejs", "20")))));

        CodeBuildStep buildTestSynth = CodeBuildStep.Builder.create("BuildTestSynth")
                .input(source)
                .partialBuildSpec(java17AndNode20)
                .installCommands(List.of("npm install -g aws-cdk@2"))
                .commands(List.of(
                        // unit, slice, integration and infra tests: the same command as a developer's
                        "./mvnw -B verify",
                        "cd infra && cdk synth -c imageTag=$CODEBUILD_RESOLVED_SOURCE_VERSION"))
                .primaryOutputDirectory("infra/cdk.out")
                .build();

        pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("launchcast")
                .synth(buildTestSynth)
                .crossAccountKeys(true)
                .enableKeyRotation(true)
                .codeBuildDefaults(CodeBuildOptions.builder()
                        .buildEnvironment(BuildEnvironment.builder()
                                .buildImage(LinuxBuildImage.STANDARD_7_0)
                                .computeType(ComputeType.MEDIUM)
                                .build())
                        .timeout(Duration.minutes(60))
                        .build())
                .build();

        String registry = settings.account() + ".dkr.ecr." + settings.region() + ".amazonaws.com";
        CodeBuildStep pushImages = CodeBuildStep.Builder.create("Images")
                .input(source)
                .partialBuildSpec(java17AndNode20)
                .buildEnvironment(BuildEnvironment.builder().privileged(true).build())
                .env(Map.of("REGISTRY", registry))
                .commands(List.of(
                        "aws ecr get-login-password | docker login --username AWS --password-stdin $REGISTRY",
                        "./mvnw -B -q -DskipTests install",
                        "for service in " + String.join(" ", ServiceConfiguration.SERVICES) + "; do "
                                + "image=$REGISTRY/launchcast/$service:$CODEBUILD_RESOLVED_SOURCE_VERSION; "
                                + "./mvnw -B -q -pl $service -DskipTests spring-boot:build-image "
                                + "-Dspring-boot.build-image.imageName=$image && docker push $image; done"))
                .rolePolicyStatements(List.of(
                        PolicyStatement.Builder.create()
                                .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                        "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                                        "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"))
                                .resources(repositories.stream().map(Repository::getRepositoryArn).toList())
                                .build(),
                        PolicyStatement.Builder.create()
                                .actions(List.of("ecr:GetAuthorizationToken"))
                                // GetAuthorizationToken has no resource-level permission
                                .resources(List.of("*"))
                                .build()))
                .build();

        staging = new LaunchcastStage(this, stagingSettings, services, images);
        pipeline.addStage(staging, AddStageOpts.builder().pre(List.of(pushImages)).build());
        production = new LaunchcastStage(this, productionSettings, services, images);
        pipeline.addStage(production, AddStageOpts.builder()
                .pre(List.of(ManualApprovalStep.Builder.create("PromoteToProduction")
                        .comment("Staging runs this commit: approve to deploy it to production")
                        .build()))
                .build());

        // the pipeline's resources are generated by CDK Pipelines when it is built; suppress on what it made
        pipeline.buildPipeline();
        NagSuppressions.addResourceSuppressions(pipeline, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("CDK Pipelines' generated roles: "
                        + "artifact-bucket objects, the pipeline's own log groups and report groups, and assuming "
                        + "the bootstrap roles (cdk-*) of the target accounts, which is how it deploys; the image "
                        + "step adds only ecr:GetAuthorizationToken, which has no resource-level permission.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-S1").reason("The artifact bucket holds transient "
                        + "build artifacts encrypted with the pipeline's KMS key; CloudTrail records access.")
                        .build(),
                NagPackSuppression.builder().id("AwsSolutions-CB3").reason("The image step builds container images "
                        + "(spring-boot:build-image), which needs Docker, which needs privileged mode.")
                        .build()), true);
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    public LaunchcastStage staging() {
        return staging;
    }

    public LaunchcastStage production() {
        return production;
    }
}
