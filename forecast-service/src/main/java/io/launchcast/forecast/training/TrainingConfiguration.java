package io.launchcast.forecast.training;

import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.PipelineExecutions;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.platform.events.AlarmRaised;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.security.SecurityProperties;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrainingConfiguration.class);

    @Bean
    TrainingData trainingData(ObjectStore store, @Value("${launchcast.data-dir}") Path dataDir,
            TrainingProperties properties) {
        return new TrainingData(store, dataDir.resolve("forecast-service").resolve("datasets"),
                properties.maxFitLaunches(), properties.maxTestLaunches());
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
    ArtifactServingModelLoader artifactServingModelLoader(TrainingData data, TrainingProperties properties) {
        return new ArtifactServingModelLoader(data, properties);
    }

    /** Closing the loop: a monitoring alarm starts a retraining run (cached steps make it cheap if nothing changed). */
    @Bean
    EventHandler<AlarmRaised> retrainOnAlarm(PipelineExecutions runner, PipelineDefinition coldStartTrainingPipeline) {
        return new EventHandler<>() {
            @Override
            public Class<AlarmRaised> eventType() {
                return AlarmRaised.class;
            }

            @Override
            public void handle(AlarmRaised alarm) {
                log.warn("alarm {} ({} = {} over {}): starting a retraining run", alarm.alarm(), alarm.metric(),
                        alarm.value(), alarm.threshold());
                runner.start(coldStartTrainingPipeline, Map.of());
            }
        };
    }
}
