package io.launchcast.infra;

import java.util.Map;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.launchcast.infra.config.PipelineSettings;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.delivery.DeliveryStack;
import io.launchcast.infra.delivery.ServiceImages;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The Launchcast AWS deployment: the delivery pipeline stack, which deploys the suite's stages (staging, then
 * production after a manual approval). Context values (cdk.json, key {@code launchcast}) say where; the
 * services' configuration files say what (names, ports, retention, metric namespace).
 */
public final class LaunchcastApp {

    private LaunchcastApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, ServiceConfiguration.ofWorkingDirectory());
        app.synth();
    }

    /** The app's constructs: the pipeline and, inside it, the staging and production stages. */
    @SuppressWarnings("unchecked")
    public static Deployment build(App app, ServiceConfiguration services) {
        Map<String, Object> context = (Map<String, Object>) app.getNode().tryGetContext("launchcast");
        if (context == null) {
            throw new IllegalArgumentException("cdk.json has no \"launchcast\" context (see infra/README.md)");
        }
        Object tag = app.getNode().tryGetContext("imageTag");
        String imageTag = tag == null ? (String) context.get("imageTag") : tag.toString();
        Map<String, Object> stages = (Map<String, Object>) context.get("stages");
        if (stages == null) {
            throw new IllegalArgumentException("cdk.json context launchcast.stages is missing");
        }
        PipelineSettings pipeline = PipelineSettings.fromContext((Map<String, Object>) context.get("pipeline"));
        StageSettings staging = StageSettings.fromContext("staging", (Map<String, Object>) stages.get("staging"),
                imageTag);
        StageSettings production = StageSettings.fromContext("production",
                (Map<String, Object>) stages.get("production"), imageTag);
        ServiceImages images = new ServiceImages(pipeline.account(), pipeline.region());

        DeliveryStack delivery = new DeliveryStack(app, "LaunchcastDelivery", StackProps.builder()
                .env(Environment.builder().account(pipeline.account()).region(pipeline.region()).build())
                .build(), pipeline, staging, production, services, images);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        return new Deployment(delivery, delivery.staging(), delivery.production());
    }

    /** What {@link #build} made, for the tests. */
    public record Deployment(DeliveryStack delivery, LaunchcastStage staging, LaunchcastStage production) {
    }
}
