package io.launchcast.feature.online.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.launchcast.feature.group.FeatureGroupCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

/**
 * aws mode: the online store on SageMaker Feature Store. Spring Cloud AWS has no Feature Store starter, but its
 * configurer gives these clients the same region, credentials and {@code spring.cloud.aws.endpoint} override as
 * the S3 and SQS clients.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.online-store", name = "type", havingValue = "aws")
@EnableConfigurationProperties(SageMakerFeatureStoreProperties.class)
class AwsOnlineStoreConfiguration {

    @Bean(destroyMethod = "close")
    SageMakerFeatureStoreRuntimeClient featureStoreRuntimeClient(AwsClientBuilderConfigurer configurer) {
        return configurer.configure(SageMakerFeatureStoreRuntimeClient.builder()).build();
    }

    /** The control plane: DescribeFeatureGroup and UpdateFeatureGroup when a group gains features. */
    @Bean(destroyMethod = "close")
    SageMakerClient featureStoreSageMakerClient(AwsClientBuilderConfigurer configurer) {
        return configurer.configure(SageMakerClient.builder()).build();
    }

    @Bean
    SageMakerOnlineStore sageMakerOnlineStore(SageMakerFeatureStoreRuntimeClient runtime,
            SageMakerClient featureStoreSageMakerClient, FeatureGroupCatalog catalog,
            SageMakerFeatureStoreProperties properties) {
        return new SageMakerOnlineStore(runtime, catalog, new FeatureGroupSchemas(featureStoreSageMakerClient,
                properties.updatePollInterval(), properties.updateTimeout()));
    }
}
