package io.launchcast.infra.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class MlStackTest {

    private static Template ml;

    @BeforeAll
    static void synthesize() {
        ml = SynthesizedApp.template(SynthesizedApp.staging().ml());
    }

    @Test
    void theEndpointConfigurationCapturesInputAndOutputUnderCapture() {
        ml.hasResourceProperties("AWS::SageMaker::EndpointConfig", Map.of(
                "KmsKeyId", Match.anyValue(),
                "DataCaptureConfig", Match.objectLike(Map.of(
                        "EnableCapture", true,
                        "InitialSamplingPercentage", SynthesizedApp.services().captureSamplingPercentage(),
                        "DestinationS3Uri", Match.anyValue(),
                        "CaptureOptions", List.of(Map.of("CaptureMode", "Input"), Map.of("CaptureMode", "Output"))))));
        assertThat(TemplateQueries.json(ml)).contains("\"s3://\"", "\"/capture\"");
    }

    @Test
    void theRolesMayPassOnlyToSageMakerAndRegisterOnlyInTheirGroup() {
        String group = SynthesizedApp.services().modelPackageGroup();
        ml.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of(
                        "Action", "iam:PassRole",
                        "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "sagemaker.amazonaws.com")))))))));
        assertThat(TemplateQueries.json(ml)).contains(":model-package-group/" + group + "\"",
                ":model-package/" + group + "/*\"");
    }

    @Test
    void anApprovalDeploysThroughACodeBuildProjectThatNamesTheEndpoint() {
        ml.hasResourceProperties("AWS::CodeBuild::Project", Map.of(
                "Name", "launchcast-model-deployment",
                "EncryptionKey", Match.anyValue(),
                "Environment", Match.objectLike(Map.of("EnvironmentVariables", Match.arrayWith(List.of(
                        Map.of("Name", "ENDPOINT_NAME", "Type", "PLAINTEXT",
                                "Value", SynthesizedApp.services().captureEndpointName())))))));
    }
}
