package io.launchcast.infra;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.util.List;

import io.launchcast.infra.LaunchcastApp.Deployment;
import io.launchcast.infra.config.ServiceConfiguration;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.assertions.Template;

/**
 * The app, synthesized once per test JVM (synthesis with cdk-nag takes tens of seconds): every test class
 * reads the same assembly. The context is what a real cdk.json holds, with example accounts.
 */
public final class SynthesizedApp {

    public static final String PIPELINE_ACCOUNT = "111111111111";
    public static final String STAGING_ACCOUNT = "222222222222";
    public static final String PRODUCTION_ACCOUNT = "333333333333";
    public static final String REGION = "eu-west-1";
    public static final String IMAGE_TAG = "0123abcd";

    public static final Map<String, Object> CONTEXT = Map.of(
            // CloudFormation's own schema checks, as errors (cdk.json sets the same flag)
            "@aws-cdk/core:validateAgainstDefaultRules", true,
            "imageTag", IMAGE_TAG,
            "launchcast", Map.of(
                    "pipeline", Map.of("account", PIPELINE_ACCOUNT, "region", REGION,
                            "repository", "launchcast/launchcast", "branch", "main",
                            "connectionArn", "arn:aws:codeconnections:" + REGION + ":" + PIPELINE_ACCOUNT
                                    + ":connection/00000000-0000-0000-0000-000000000000"),
                    "stages", Map.of(
                            "staging", stage(STAGING_ACCOUNT, "staging"),
                            "production", stage(PRODUCTION_ACCOUNT, "production"))));

    private static Deployment deployment;
    private static CloudAssembly appAssembly;
    private static final Map<Stack, Template> TEMPLATES = new ConcurrentHashMap<>();

    private SynthesizedApp() {
    }

    /** Skips the calling test class where Node (CDK's jsii runtime) is missing. */
    public static void assumeNode() {
        assumeTrue(nodeOnPath(), "node is not on the PATH: the CDK app cannot be synthesized here");
    }

    /** The deployment, synthesized on first use. */
    public static synchronized Deployment deployment() {
        assumeNode();
        if (deployment == null) {
            App app = App.Builder.create().context(CONTEXT).outdir("target/cdk.out").build();
            deployment = LaunchcastApp.build(app, services());
            appAssembly = app.synth();
        }
        return deployment;
    }

    /** The staging stage: the stacks every per-stack test reads. */
    public static LaunchcastStage staging() {
        return deployment().staging();
    }

    /**
     * The stack's template as synthesized with the app. (Template.fromStack would synthesize the stage again,
     * cdk-nag included, for every stack.)
     */
    @SuppressWarnings("unchecked")
    public static Template template(Stack stack) {
        return TEMPLATES.computeIfAbsent(stack, s -> Template.fromJSON((Map<String, Object>) artifact(s).getTemplate()));
    }

    /** The messages (errors, warnings, infos: cdk-nag's findings among them) attached to a stack's resources. */
    public static List<SynthesisMessage> messages(Stack stack) {
        return artifact(stack).getMessages();
    }

    private static CloudFormationStackArtifact artifact(Stack stack) {
        deployment();
        Stage stage = Stage.of(stack);
        // the stages were synthesized with the app: synth() hands back their assembly without doing it again
        CloudAssembly assembly = stage instanceof App ? appAssembly : stage.synth();
        return assembly.getStackArtifact(stack.getArtifactId());
    }

    /** The services' configuration of this repository (the infra module runs in infra/). */
    public static ServiceConfiguration services() {
        return ServiceConfiguration.ofWorkingDirectory();
    }

    private static Map<String, Object> stage(String account, String name) {
        return Map.of("account", account, "region", REGION,
                "certificateArn", "arn:aws:acm:" + REGION + ":" + account + ":certificate/" + name,
                "serviceDomainName", "services." + name + ".launchcast.example",
                "alarmEmail", "ops@launchcast.example");
    }

    static boolean nodeOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "node").canExecute()) {
                return true;
            }
        }
        return false;
    }
}
