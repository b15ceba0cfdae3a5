package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.platform.datasets.DatasetVersions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.core.StreamWriteFeature;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

    /**
     * Numbers written with Jackson's Schubfach writer: a forecast answer is mostly doubles, and the JDK 17
     * {@code Double.toString} behind the default writer was the largest cost of writing batch output. Both give
     * text that reads back as the same double.
     */
    @Bean
    JsonMapperBuilderCustomizer fastDoubles() {
        return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }

    @Bean
    ChampionModel championModel(RegistryProperties registry) {
        return new ChampionModel(registry.defaultGroup());
    }

    @Bean
    ChampionLoader championLoader(ModelRegistry registry, ChampionModel champion,
            ObjectProvider<ServingModelLoader> loader) {
        return new ChampionLoader(registry, champion, loader);
    }

    @Bean
    KnowledgeRefresh knowledgeRefresh(DatasetVersions versions, ChampionModel champion, ChampionLoader loader) {
        return new KnowledgeRefresh(versions, champion, loader);
    }

    @Bean
    ForecastService forecastService(ChampionModel champion) {
        return new ForecastService(champion, Clock.systemUTC());
    }

    @Bean
    SageMakerBatchSettings sageMakerBatchSettings() {
        return SageMakerBatchSettings.fromEnvironment();
    }
}
