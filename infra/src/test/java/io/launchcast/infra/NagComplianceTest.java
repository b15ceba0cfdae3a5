package io.launchcast.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * cdk-nag's AwsSolutions pack runs on every stack of the app (the stages and the pipeline stack): no error and
 * no warning may remain unless a suppression with a reason was made next to the resource it concerns.
 */
class NagComplianceTest {

    @BeforeAll
    static void synthesize() {
        SynthesizedApp.deployment();
    }

    @Test
    void noAwsSolutionsErrorIsLeftUnexplained() {
        assertThat(findings(true)).isEmpty();
    }

    @Test
    void noAwsSolutionsWarningIsLeftUnexplained() {
        assertThat(findings(false)).isEmpty();
    }

    @Test
    void findsAnUnexplainedFindingWhereOneExists() {
        // the check itself works: an unencrypted, unlogged bucket in a throwaway app is reported
        App app = App.Builder.create().outdir("target/cdk-probe.out").build();
        Stack stack = new Stack(app, "Probe");
        new software.amazon.awscdk.services.s3.Bucket(stack, "Plain");
        Aspects.of(app).add(new AwsSolutionsChecks());
        List<SynthesisMessage> messages = app.synth().getStackArtifact(stack.getArtifactId()).getMessages();
        assertThat(messages).anySatisfy(message -> assertThat(String.valueOf(message.getEntry().getData()))
                .startsWith("AwsSolutions-S1"));
    }

    private static List<String> findings(boolean errors) {
        var deployment = SynthesizedApp.deployment();
        List<Stack> stacks = new ArrayList<>();
        stacks.add(deployment.delivery());
        stacks.addAll(deployment.staging().stacks());
        stacks.addAll(deployment.production().stacks());
        List<String> findings = new ArrayList<>();
        SynthesisMessageLevel level = errors ? SynthesisMessageLevel.ERROR : SynthesisMessageLevel.WARNING;
        for (Stack stack : stacks) {
            for (SynthesisMessage message : SynthesizedApp.messages(stack)) {
                String text = String.valueOf(message.getEntry().getData());
                if (message.getLevel() == level && text.startsWith("AwsSolutions-")) {
                    findings.add(message.getId() + ": " + text);
                }
            }
        }
        return findings;
    }
}
