package io.launchcast.forecast.training;

import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.forecast.serving.ServingProperties;
import io.launchcast.platform.objectstore.LocalCopies;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.security.SecurityProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    /** The local copies of dataset versions under forecast-service/datasets, for every reader of them. */
    @Bean
    LocalCopies datasetCopies(ObjectStore store) {
        return new LocalCopies(store);
    }

    @Bean
    TrainingData trainingData(ObjectStore store, @Value("${launchcast.data-dir}") Path dataDir,
            TrainingProperties properties, LocalCopies datasetCopies) {
        return new TrainingData(store, dataDir.resolve("forecast-service").resolve("datasets"),
                properties.maxFitLaunches(), properties.maxTestLaunches(), datasetCopies);
    }

    @Bean
    TrainingSets featureStoreTrainingSets(FeatureStoreProperties properties,
            ObjectProvider<SecurityProperties> security) {
        return new FeatureServiceTrainingSets(properties, security.getIfAvailable());
    }

    @Bean
    TrainingSteps trainingSteps(ObjectStore store, TrainingData data, TrainingSets trainingSets,
            TrainingProperties properties, GateThresholds thresholds, ModelLifecycle lifecycle,
            RegistryProperties registry, JsonMapper json) {
        return new TrainingSteps(store, data, trainingSets, properties, thresholds, lifecycle, registry.defaultGroup(),
                json);
    }

    @Bean
    PipelineDefinition coldStartTrainingPipeline(TrainingSteps steps) {
        return steps.definition();
    }

    @Bean
    ArtifactServingModelLoader artifactServingModelLoader(TrainingData data, TrainingProperties properties,
            ServingProperties serving) {
        return new ArtifactServingModelLoader(data, properties, serving.knowledge());
    }
}
