package io.launchcast.feature.group;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FeatureGroupConfiguration {

    @Bean
    FeatureGroupCatalog featureGroupCatalog() {
        return FeatureGroupCatalog.load();
    }
}
