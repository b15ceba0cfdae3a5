package io.launchcast.ingestion.catalog.local;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Local mode: manifests are the catalog, DuckDB is the job engine. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.ingestion.catalog", name = "type", havingValue = "local", matchIfMissing = true)
class LocalCatalogConfiguration {

    @Bean
    DatasetCatalog manifestDatasetCatalog() {
        return new ManifestDatasetCatalog();
    }

    @Bean
    TransformJobs inProcessTransformJobs() {
        return new InProcessTransformJobs();
    }
}
