package io.launchcast.ingestion.catalog.local;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.ingestion.catalog", name = "type", havingValue = "local", matchIfMissing = true)
class LocalCatalogConfiguration {

    @Bean
    DatasetCatalog manifestDatasetCatalog() {
        return new ManifestDatasetCatalog();
    }
}
