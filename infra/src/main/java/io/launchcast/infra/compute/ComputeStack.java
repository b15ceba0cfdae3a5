package io.launchcast.infra.compute;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.catalog.CatalogStack;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.delivery.ServiceImages;
import io.launchcast.infra.events.EventsStack;
import io.launchcast.infra.featurestore.FeatureStoreStack;
import io.launchcast.infra.identity.IdentityStack;
import io.launchcast.infra.ml.MlStack;
import io.launchcast.infra.observability.ObservabilityStack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddNetworkTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.targets.AlbListenerTarget;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * Compute: the four services as ECS Fargate services in private subnets, behind an internal Application Load
 * Balancer that routes by path (each service's own paths, {@link ServiceRoutes}), checks health on the actuator
 * readiness endpoint and terminates TLS; an internal Network Load Balancer in front of it is the target of API
 * Gateway's VPC link (a REST API reaches private targets only through an NLB). Why ECS and not a SageMaker
 * endpoint for the forecast container: docs/adr/0096.
 */
public class ComputeStack extends Stack {

    /** The readiness probe: object store reachable and the application ready (launchcast-platform.yml). */
    public static final String HEALTH_CHECK_PATH = "/actuator/health/readiness";
    /** How long the services' own log groups keep events (the logs bucket keeps the export for a year). */
    public static final RetentionDays SERVICE_LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final Vpc vpc;
    private final Cluster cluster;
    private final ApplicationLoadBalancer loadBalancer;
    private final NetworkLoadBalancer networkLoadBalancer;
    private final Map<String, FargateService> services = new LinkedHashMap<>();
    private final Map<String, ApplicationTargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, LogGroup> logGroups = new LinkedHashMap<>();

    public ComputeStack(Construct scope, String id, StackProps props, StageSettings stage, ServiceConfiguration config,
            DataStack data, IdentityStack identity, CatalogStack catalog, FeatureStoreStack features, MlStack ml,
            EventsStack events, ServiceImages images) {
        super(scope, id, props);

        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                .maxAzs(2)
                // one NAT gateway: the services call AWS APIs only; a second one doubles a fixed cost for an AZ
                // outage that the load balancer already routes around
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("services").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22).build()))
                // S3 traffic stays off the NAT gateway (free, and the data bucket is the busiest dependency)
                .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3).build()))
                .build();
        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .encryptionKey(data.dataKey())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        vpc.addFlowLog("RejectedTraffic", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                .trafficType(FlowLogTrafficType.REJECT)
                .build());
        SubnetSelection privateSubnets = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();

        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("launchcast")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        SecurityGroup albSecurityGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(vpc)
                .description("Services load balancer: HTTPS from inside the VPC (the NLB behind the API Gateway VPC link)")
                .allowAllOutbound(false)
                .build();
        albSecurityGroup.addIngressRule(Peer.ipv4(vpc.getVpcCidrBlock()), Port.tcp(443), "HTTPS from the VPC");
        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .vpcSubnets(privateSubnets)
                .internetFacing(false)
                .securityGroup(albSecurityGroup)
                .dropInvalidHeaderFields(true)
                .build();
        loadBalancer.logAccessLogs(data.logsBucket(), "alb");
        ApplicationListener https = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .port(443)
                .protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromArn(stage.certificateArn())))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .open(false)
                .defaultAction(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("application/json")
                        .messageBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}")
                        .build()))
                .build());

        networkLoadBalancer = NetworkLoadBalancer.Builder.create(this, "NetworkLoadBalancer")
                .vpc(vpc)
                .vpcSubnets(privateSubnets)
                .internetFacing(false)
                .crossZoneEnabled(true)
                .build();
        networkLoadBalancer.logAccessLogs(data.logsBucket(), "nlb");
        NetworkListener tls = networkLoadBalancer.addListener("Tls", BaseNetworkListenerProps.builder()
                .port(443)
                // TLS passes through to the ALB, which holds the certificate: encrypted up to the VPC's inside
                .protocol(Protocol.TCP)
                .build());
        tls.addTargets("LoadBalancer", AddNetworkTargetsProps.builder()
                .port(443)
                .targets(List.of(new AlbListenerTarget(https)))
                .healthCheck(HealthCheck.builder().protocol(Protocol.HTTPS).path("/")
                        // the ALB answers 404 on "/" (no service owns it): any answer proves it is up
                        .healthyHttpCodes("200-499").build())
                .build());

        int priority = 10;
        Map<String, List<String>> routes = ServiceRoutes.of(config);
        for (String service : ServiceConfiguration.SERVICES) {
            int port = config.port(service);
            Map<String, String> environment = new HashMap<>(Map.of(
                    "SPRING_PROFILES_ACTIVE", "aws",
                    "LAUNCHCAST_OBJECT_STORE_BUCKET", data.dataBucketName(),
                    "LAUNCHCAST_JWT_ISSUER_URI", identity.issuerUri(),
                    "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"));
            Map<String, Secret> secrets = new HashMap<>();
            environment.putAll(serviceEnvironment(service, stage, config, identity, catalog, ml, images));
            if (service.equals("monitor-service")) {
                // the client-credentials secret of its retraining calls, injected by ECS at start (never in the template)
                secrets.put("LAUNCHCAST_MONITOR_CLIENT_SECRET", Secret.fromSecretsManager(identity.monitorClientSecret()));
            }

            LogGroup logs = LogGroup.Builder.create(this, "Logs-" + service)
                    .logGroupName("/launchcast/" + service)
                    .retention(SERVICE_LOG_RETENTION)
                    .encryptionKey(data.dataKey())
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            logGroups.put(service, logs);

            boolean forecast = service.equals("forecast-service");
            FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task-" + service)
                    .family("launchcast-" + service)
                    // the forecast service holds models and batch parts in memory; the others stream
                    .cpu(forecast ? 2048 : 1024)
                    .memoryLimitMiB(forecast ? 4096 : 2048)
                    .build();
            task.addContainer(service, ContainerDefinitionOptions.builder()
                    .image(ContainerImage.fromEcrRepository(images.repository(this, service), stage.imageTag()))
                    .environment(environment)
                    .secrets(secrets)
                    .portMappings(List.of(PortMapping.builder().containerPort(port).build()))
                    .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(service).build()))
                    // the services shut down gracefully within 30 s (spring.lifecycle.timeout-per-shutdown-phase)
                    .stopTimeout(Duration.seconds(45))
                    .build());
            grant(service, task.getTaskRole(), config, data, catalog, features, ml, events);
            NagSuppressions.addResourceSuppressions(task, List.of(
                    NagPackSuppression.builder().id("AwsSolutions-ECS2").reason("The environment holds resource "
                            + "names, URIs, the monitor's client id and the profile only; the one secret (the monitor "
                            + "client's secret) comes from Secrets Manager.").build(),
                    NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("Task roles: the data bucket's "
                            + "objects as a whole (the services share one object-store layout and each reads the "
                            + "others' prefixes: curated, features, models, capture), KMS GenerateDataKey*/ReEncrypt* "
                            + "on the suite's keys only, SageMaker and Glue items the services name at run time "
                            + "(model packages of their group, pipeline executions, transform jobs, the database's "
                            + "tables), and cloudwatch:PutMetricData (no resource-level permission) limited to the "
                            + "services' namespace by condition. Execution role: ecr:GetAuthorizationToken has no "
                            + "resource-level permission.").build()), true);

            SecurityGroup serviceSecurityGroup = SecurityGroup.Builder.create(this, "SecurityGroup-" + service)
                    .vpc(vpc)
                    .description(service + ": its port from the load balancer only")
                    .build();
            serviceSecurityGroup.addIngressRule(albSecurityGroup, Port.tcp(port), "from the load balancer");
            albSecurityGroup.addEgressRule(serviceSecurityGroup, Port.tcp(port), "to " + service);

            FargateService fargate = FargateService.Builder.create(this, "Service-" + service)
                    .serviceName(service)
                    .cluster(cluster)
                    .taskDefinition(task)
                    .desiredCount(1)
                    .minHealthyPercent(100)
                    .maxHealthyPercent(200)
                    .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                    .vpcSubnets(privateSubnets)
                    .securityGroups(List.of(serviceSecurityGroup))
                    .assignPublicIp(false)
                    .healthCheckGracePeriod(Duration.minutes(2))
                    .build();
            services.put(service, fargate);

            ApplicationTargetGroup targets = ApplicationTargetGroup.Builder.create(this, "Targets-" + service)
                    .vpc(vpc)
                    .port(port)
                    .protocol(ApplicationProtocol.HTTP)
                    .targetType(TargetType.IP)
                    .targets(List.of(fargate))
                    .healthCheck(HealthCheck.builder()
                            .path(HEALTH_CHECK_PATH)
                            .healthyHttpCodes("200")
                            .interval(Duration.seconds(15))
                            .timeout(Duration.seconds(5))
                            .healthyThresholdCount(2)
                            .unhealthyThresholdCount(3)
                            .build())
                    .deregistrationDelay(Duration.seconds(30))
                    .build();
            targetGroups.put(service, targets);
            int rule = 0;
            for (List<String> patterns : ServiceRoutes.rules(routes.get(service))) {
                https.addTargetGroups("Route-" + service + "-" + rule++, AddApplicationTargetGroupsProps.builder()
                        .priority(priority++)
                        .conditions(List.of(ListenerCondition.pathPatterns(patterns)))
                        .targetGroups(List.of(targets))
                        .build());
            }

            ScalableTaskCount scaling = fargate.autoScaleTaskCount(EnableScalingProps.builder()
                    .minCapacity(1).maxCapacity(forecast ? 6 : 3).build());
            scaling.scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder()
                    .targetUtilizationPercent(60)
                    .scaleInCooldown(Duration.minutes(5))
                    .scaleOutCooldown(Duration.minutes(1))
                    .build());
            scaling.scaleOnRequestCount("Requests", RequestCountScalingProps.builder()
                    .requestsPerTarget(600)
                    .targetGroup(targets)
                    .scaleInCooldown(Duration.minutes(5))
                    .scaleOutCooldown(Duration.minutes(1))
                    .build());
        }
        NagSuppressions.addResourceSuppressions(loadBalancer, List.of(NagPackSuppression.builder().id("AwsSolutions-EC23")
                .reason("Ingress is HTTPS from the VPC's own CIDR only (the NLB of API Gateway's VPC link).").build()),
                true);
    }

    /** What each service reads from its environment beyond the common settings (names from the other stacks). */
    private Map<String, String> serviceEnvironment(String service, StageSettings stage, ServiceConfiguration config,
            IdentityStack identity, CatalogStack catalog, MlStack ml, ServiceImages images) {
        return switch (service) {
            case "ingestion-service" -> Map.of(
                    "LAUNCHCAST_INGESTION_CATALOG_DATABASE", catalog.databaseName(),
                    // ingestion's aws profile sets no job: heavy runs go to the job this app creates
                    "LAUNCHCAST_INGESTION_CATALOG_JOB_NAME", catalog.transformJobName());
            // its aws profile puts the online store on SageMaker; the feature groups are named in feature-groups.yml
            case "feature-service" -> Map.of();
            case "forecast-service" -> {
                Map<String, String> environment = new HashMap<>(Map.of(
                        "LAUNCHCAST_REGISTRY_DEFAULT_GROUP", ml.modelPackageGroupName(),
                        "LAUNCHCAST_REGISTRY_SAGEMAKER_IMAGE_URI", images.imageUri(service, stage.imageTag()),
                        "LAUNCHCAST_PIPELINE_SAGEMAKER_ROLE_ARN", ml.pipelineRole().getRoleArn(),
                        // batch stays in the service unless LAUNCHCAST_BATCH_BACKEND=sagemaker; the role is ready
                        "LAUNCHCAST_BATCH_SAGEMAKER_EXECUTION_ROLE_ARN", ml.modelRole().getRoleArn()));
                if (config.captureRetention().toDays() > 0) {
                    // the data bucket's lifecycle rule expires capture/ after the same retention (DataStack)
                    environment.put("LAUNCHCAST_CAPTURE_RETENTION", "0");
                }
                yield environment;
            }
            case "monitor-service" -> Map.of(
                    // retraining calls go through the load balancer's host name, as every other caller does
                    "LAUNCHCAST_MONITOR_RETRAINING_FORECAST_URL", "https://" + stage.serviceDomainName(),
                    "LAUNCHCAST_MONITOR_CLIENT_ID", identity.monitorClient().getUserPoolClientId(),
                    "LAUNCHCAST_OAUTH2_TOKEN_URI", identity.tokenUri(),
                    // the observability stack's topic, by name: that stack already depends on this one
                    "LAUNCHCAST_ALARM_TOPIC_ARN", "arn:aws:sns:" + getRegion() + ":" + getAccount()
                            + ":" + ObservabilityStack.ALARM_TOPIC_NAME);
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    /** The rights of a service's task role: what its aws-mode adapters call, on the resources they name. */
    private void grant(String service, software.amazon.awscdk.services.iam.IRole role, ServiceConfiguration config,
            DataStack data, CatalogStack catalog, FeatureStoreStack features, MlStack ml, EventsStack events) {
        data.dataBucket().grantReadWrite(role);
        data.dataKey().grantEncryptDecrypt(role);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", config.metricNamespace())))
                .build());
        for (String inbox : config.inbox(service)) {
            events.queue(inbox).grantConsumeMessages(role);
            // the service dead-letters an event itself, with the reason, after launchcast.events.max-attempts
            events.deadLetterQueue(inbox).grantSendMessages(role);
            events.queue(inbox).grant(role, "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
            events.deadLetterQueue(inbox).grant(role, "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        }
        // any service may publish any event type: the subscription table is shared
        config.eventRoutes().values().stream().flatMap(List::stream).distinct().forEach(queue -> {
            Queue target = events.queue(queue);
            target.grantSendMessages(role);
            target.grant(role, "sqs:GetQueueUrl");
        });

        switch (service) {
            case "ingestion-service" -> {
                role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun"))
                        .resources(List.of(catalog.transformJobArn()))
                        .build());
                String catalogArn = "arn:aws:glue:" + getRegion() + ":" + getAccount();
                role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable",
                                "glue:GetPartitions", "glue:BatchCreatePartition", "glue:BatchUpdatePartition"))
                        .resources(List.of(catalogArn + ":catalog", catalogArn + ":database/" + catalog.databaseName(),
                                catalogArn + ":table/" + catalog.databaseName() + "/*"))
                        .build());
            }
            case "feature-service" -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("sagemaker:PutRecord", "sagemaker:GetRecord", "sagemaker:BatchGetRecord",
                            "sagemaker:DescribeFeatureGroup", "sagemaker:UpdateFeatureGroup"))
                    .resources(features.featureGroupNames().stream().map(features::featureGroupArn).toList())
                    .build());
            case "forecast-service" -> {
                String sagemaker = "arn:aws:sagemaker:" + getRegion() + ":" + getAccount() + ":";
                role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage",
                                "sagemaker:UpdateModelPackage", "sagemaker:ListModelPackages",
                                "sagemaker:DescribeModelPackageGroup", "sagemaker:AddTags"))
                        .resources(List.of(ml.modelPackageGroupArn(), ml.modelPackagesArn()))
                        .build());
                role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("sagemaker:CreatePipeline", "sagemaker:UpdatePipeline",
                                "sagemaker:DescribePipeline", "sagemaker:StartPipelineExecution",
                                "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutionSteps",
                                "sagemaker:StopPipelineExecution", "sagemaker:AddTags"))
                        .resources(List.of(ml.pipelineArn(), ml.pipelineArn() + "/execution/*"))
                        .build());
                role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:DeleteModel",
                                "sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob",
                                "sagemaker:StopTransformJob"))
                        .resources(List.of(sagemaker + "model/*", sagemaker + "transform-job/*"))
                        .build());
                for (Role passed : List.of(ml.pipelineRole(), ml.modelRole())) {
                    role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                            .actions(List.of("iam:PassRole"))
                            .resources(List.of(passed.getRoleArn()))
                            .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))
                            .build());
                }
            }
            case "monitor-service" -> role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    // its CloudWatch alarms on the gauges it publishes, named by its alarm policies' prefixes
                    .actions(List.of("cloudwatch:PutMetricAlarm"))
                    .resources(config.monitorAlarmPrefixes().stream().map(prefix -> "arn:aws:cloudwatch:"
                            + getRegion() + ":" + getAccount() + ":alarm:" + prefix + "*").toList())
                    .build());
            default -> throw new IllegalArgumentException("unknown service " + service);
        }
    }

    public Vpc vpc() {
        return vpc;
    }

    public Cluster cluster() {
        return cluster;
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    public NetworkLoadBalancer networkLoadBalancer() {
        return networkLoadBalancer;
    }

    public Map<String, FargateService> services() {
        return Map.copyOf(services);
    }

    public Map<String, ApplicationTargetGroup> targetGroups() {
        return Map.copyOf(targetGroups);
    }

    public Map<String, LogGroup> logGroups() {
        return Map.copyOf(logGroups);
    }
}
