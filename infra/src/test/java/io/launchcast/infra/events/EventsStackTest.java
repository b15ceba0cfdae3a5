package io.launchcast.infra.events;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EventsStackTest {

    @Test
    void queuesAreEncryptedAndTheApprovalRuleStartsTheModelDeployment() {
        Template events = SynthesizedApp.template(SynthesizedApp.staging().events());
        int queues = SynthesizedApp.services().queues().size();
        // each queue, its dead-letter queue, and the approval rule's dead-letter queue
        events.resourceCountIs("AWS::SQS::Queue", 2 * queues + 1);
        events.allResourcesProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId", Match.anyValue()));
        events.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.sagemaker"),
                        "detail-type", List.of("SageMaker Model Package State Change"),
                        "detail", Map.of("ModelApprovalStatus", List.of("Approved"),
                                "ModelPackageGroupName", List.of(SynthesizedApp.services().modelPackageGroup()))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "DeadLetterConfig", Match.anyValue(),
                        "InputTransformer", Match.objectLike(Map.of("InputPathsMap",
                                Map.of("detail-ModelPackageArn", "$.detail.ModelPackageArn"))))))));
    }
}
