package io.launchcast.infra.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.ml.MlStack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.codebuild.BuildEnvironmentVariableType;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.CodeBuildProject;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Events: every queue the services read or route events to (the subscription table of
 * {@code launchcast-platform.yml} and each service's inbox), each with its dead-letter queue
 * {@code <queue>-dlq} behind a redrive policy; the S3 notification of new landing objects; and the EventBridge
 * rule that deploys a model package when the registry approves it.
 */
public class EventsStack extends Stack {

    /**
     * The queue S3 announces new {@code landing/} objects on. The prefix is ingestion's
     * ({@code LandingObjectHandler.LANDING}); the queue must be one of ingestion's inbox queues, which the names
     * test checks, so renaming it in ingestion's configuration fails the build until this follows.
     */
    public static final String LANDING_QUEUE = "launchcast-landing";

    /**
     * Receives before SQS moves a message to the dead-letter queue: the services dead-letter an event themselves
     * after {@code launchcast.events.max-attempts} (3), with the reason; this is the backstop for a consumer that
     * keeps crashing (platform's {@code SqsQueues.REDRIVE_MAX_RECEIVES}, as the local stand-in creates them).
     */
    public static final int REDRIVE_MAX_RECEIVES = 10;

    private final Key eventsKey;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Rule modelApprovedRule;

    public EventsStack(Construct scope, String id, StackProps props, ServiceConfiguration services, DataStack data,
            MlStack ml) {
        super(scope, id, props);

        // its own key: S3 and EventBridge must be allowed to encrypt into the queues, and a key policy naming
        // them belongs next to the queues (a grant on the data stack's key would make the stacks depend both ways)
        eventsKey = Key.Builder.create(this, "EventsKey")
                .alias("alias/launchcast/events")
                .description("Launchcast event queues")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        for (String name : services.queues()) {
            Queue deadLetters = Queue.Builder.create(this, "DeadLetters-" + name)
                    .queueName(name + "-dlq")
                    .encryption(QueueEncryption.KMS)
                    .encryptionMasterKey(eventsKey)
                    .enforceSsl(true)
                    // an operator has two weeks to read /event-failures and replay
                    .retentionPeriod(Duration.days(14))
                    .build();
            Queue queue = Queue.Builder.create(this, "Queue-" + name)
                    .queueName(name)
                    .encryption(QueueEncryption.KMS)
                    .encryptionMasterKey(eventsKey)
                    .enforceSsl(true)
                    .retentionPeriod(Duration.days(4))
                    // the services receive with their own visibility (launchcast.events.visibility, the same 60 s)
                    // and extend it while a handler runs, however long: this is for any other reader
                    .visibilityTimeout(Duration.seconds(60))
                    .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(REDRIVE_MAX_RECEIVES)
                            .build())
                    .build();
            queues.put(name, queue);
            deadLetterQueues.put(name, deadLetters);
        }

        Queue landing = queues.get(LANDING_QUEUE);
        if (landing == null) {
            throw new IllegalStateException("no service reads " + LANDING_QUEUE + ": ingestion's inbox names "
                    + services.inbox("ingestion-service"));
        }
        // the bucket is referenced by name: its notification lives with the queue, so the data stack does not
        // depend on this one (and this one on it through the queue policy)
        IBucket bucket = Bucket.fromBucketAttributes(this, "DataBucketRef", BucketAttributes.builder()
                .bucketName(data.dataBucket().getBucketName())
                .bucketArn(data.dataBucket().getBucketArn())
                .build());
        bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(landing),
                NotificationKeyFilter.builder().prefix(DataStack.LANDING_PREFIX).build());

        // CDK's bucket-notifications handler: a singleton Lambda created at the stack's root
        NagSuppressions.addResourceSuppressionsByPath(this, getNode().getPath()
                + "/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource", List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM4")
                        .reason("CDK's bucket-notifications handler (a Lambda that sets the notification configuration "
                                + "at deploy time) logs with the AWS managed AWSLambdaBasicExecutionRole policy; it "
                                + "holds no data.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AWSLambdaBasicExecutionRole"))
                        .build()));

        // EventBridge delivers to the rule's dead-letter queue when it cannot start the deployment
        Queue approvalDeadLetters = Queue.Builder.create(this, "ModelApprovedDeadLetters")
                .queueName("launchcast-model-approved-dlq")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(eventsKey)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(approvalDeadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3").reason("This queue is itself a dead-letter queue: the approval rule's "
                        + "target sends the events it could not deliver here.").build()));
        eventsKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey*", "kms:Decrypt"))
                // a key policy's resource is always the key itself
                .resources(List.of("*"))
                .build());

        modelApprovedRule = Rule.Builder.create(this, "ModelApproved")
                .ruleName("launchcast-model-approved")
                .description("A " + ml.modelPackageGroupName() + " package was approved: deploy it")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.sagemaker"))
                        .detailType(List.of("SageMaker Model Package State Change"))
                        .detail(Map.of(
                                "ModelPackageGroupName", List.of(ml.modelPackageGroupName()),
                                "ModelApprovalStatus", List.of("Approved")))
                        .build())
                .targets(List.of(CodeBuildProject.Builder.create(ml.modelDeployment())
                        .deadLetterQueue(approvalDeadLetters)
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(2))
                        .event(RuleTargetInput.fromObject(Map.of("environmentVariablesOverride", List.of(Map.of(
                                "name", "MODEL_PACKAGE_ARN",
                                "value", EventField.fromPath("$.detail.ModelPackageArn"),
                                "type", BuildEnvironmentVariableType.PLAINTEXT.toString())))))
                        .build()))
                .build();
    }

    public Map<String, Queue> queues() {
        return Map.copyOf(queues);
    }

    public Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue " + name);
        }
        return queue;
    }

    public Queue deadLetterQueue(String name) {
        return deadLetterQueues.get(name);
    }

    public Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }

    public Key eventsKey() {
        return eventsKey;
    }

    public Rule modelApprovedRule() {
        return modelApprovedRule;
    }
}
