package io.launchcast.forecast.registry.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.platform.objectstore.ObjectStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.registry", name = "type", havingValue = "aws")
class AwsRegistryConfiguration {

    /**
     * Spring Cloud AWS has no SageMaker starter, but its configurer applies the same region, credentials and
     * {@code spring.cloud.aws.endpoint} override as the S3 and SQS clients get, so one set of properties points
     * every client of the service (tests point them at a local HTTP server).
     */
    @Bean(destroyMethod = "close")
    SageMakerClient sageMakerClient(AwsClientBuilderConfigurer configurer) {
        return configurer.configure(SageMakerClient.builder()).build();
    }

    @Bean
    ModelRegistry sageMakerModelRegistry(SageMakerClient sageMaker, ObjectStore store, JsonMapper json,
            RegistryProperties properties) {
        if (properties.sagemakerImageUri().isBlank()) {
            throw new IllegalStateException("launchcast.registry.sagemaker-image-uri must name the inference image in aws mode");
        }
        return new SageMakerModelRegistry(sageMaker, store, json, properties.sagemakerImageUri());
    }
}
