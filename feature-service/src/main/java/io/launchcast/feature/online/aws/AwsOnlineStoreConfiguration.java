package io.launchcast.feature.online.aws;

import io.launchcast.feature.group.FeatureGroupCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.online-store", name = "type", havingValue = "aws")
class AwsOnlineStoreConfiguration {

    /** Spring Cloud AWS has no Feature Store starter; region and credentials follow the SDK's default chains. */
    @Bean(destroyMethod = "close")
    SageMakerFeatureStoreRuntimeClient featureStoreRuntimeClient() {
        return SageMakerFeatureStoreRuntimeClient.create();
    }

    @Bean
    SageMakerOnlineStore sageMakerOnlineStore(SageMakerFeatureStoreRuntimeClient runtime, FeatureGroupCatalog catalog) {
        return new SageMakerOnlineStore(runtime, catalog);
    }
}
