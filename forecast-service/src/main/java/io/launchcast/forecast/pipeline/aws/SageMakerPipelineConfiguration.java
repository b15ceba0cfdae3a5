package io.launchcast.forecast.pipeline.aws;

import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.PipelineExecutions;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreProperties;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * aws mode: the training pipeline on SageMaker Pipelines. Its register step writes to the SageMaker Model
 * Registry, so it runs with the registry's SageMaker client ({@code launchcast.registry.type=aws}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.pipeline", name = "type", havingValue = "aws")
@EnableConfigurationProperties({SageMakerPipelineProperties.class, GateThresholds.class})
class SageMakerPipelineConfiguration {

    @Bean
    SageMakerPipelineSettings sageMakerPipelineSettings(SageMakerPipelineProperties properties,
            RegistryProperties registry, ObjectStoreProperties objectStore, GateThresholds gate,
            Environment environment) {
        // the gate's thresholds moved to launchcast.training (ADR 0150): a deployment still setting them here
        // would otherwise gate with defaults it did not choose, and say nothing
        for (String moved : List.of("max-wape", "coverage-min", "coverage-max")) {
            if (environment.containsProperty("launchcast.pipeline.sagemaker." + moved)) {
                throw new IllegalStateException("launchcast.pipeline.sagemaker." + moved + " is no longer read: the "
                        + "quality gate of both pipelines is set by launchcast.training." + moved);
            }
        }
        if (registry.sagemakerImageUri().isBlank()) {
            throw new IllegalStateException("launchcast.pipeline.type=aws runs this service's image in every step: "
                    + "set launchcast.registry.sagemaker-image-uri");
        }
        return properties.settings(registry.sagemakerImageUri(), objectStore.bucket(), registry.defaultGroup(), gate);
    }

    @Bean
    SageMakerPipelineLauncher sageMakerPipelineLauncher(ObjectProvider<SageMakerClient> sageMaker, JsonMapper json,
            SageMakerPipelineSettings settings, ObjectStore store,
            // the training configuration the local pipeline reads too (launchcast.training.config)
            @Value("${launchcast.training.config}") Path trainingConfig,
            @Value("${launchcast.training.dataset}") String defaultDataset, ModelLifecycle lifecycle) {
        SageMakerClient client = sageMaker.getIfAvailable(() -> {
            throw new IllegalStateException("launchcast.pipeline.type=aws registers models in SageMaker: it needs "
                    + "launchcast.registry.type=aws");
        });
        return new SageMakerPipelineLauncher(client, new SageMakerPipelineDefinition(json), settings, store,
                trainingConfig, defaultDataset,
                dataset -> lifecycle.championTrainedOn(settings.modelPackageGroup(), dataset).isPresent());
    }

    /** The API and the retraining trigger start and follow runs on SageMaker, not in this service. */
    @Bean
    @Primary
    PipelineExecutions sageMakerPipelineExecutions(ObjectProvider<SageMakerClient> sageMaker,
            SageMakerPipelineLauncher launcher, SageMakerPipelineSettings settings) {
        return new SageMakerPipelineExecutions(sageMaker.getObject(), launcher, settings.pipelineName());
    }
}
