package io.launchcast.ingestion.catalog.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.platform.objectstore.ObjectStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * aws mode: the Glue client (region and credentials from Spring Cloud AWS), the Glue catalog and the Glue job
 * engine (used for the mappings a job name is configured for).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.ingestion.catalog", name = "type", havingValue = "aws")
class GlueCatalogConfiguration {

    @Bean(destroyMethod = "close")
    GlueClient glueClient(AwsClientBuilderConfigurer configurer, CatalogProperties properties) {
        var builder = configurer.configure(GlueClient.builder());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Bean
    DatasetCatalog glueDatasetCatalog(GlueClient glue, CatalogProperties properties, ObjectStore store) {
        return new GlueDatasetCatalog(glue, properties.database(), key -> store.uri(key).toString());
    }

    /** Always there in aws mode; it transforms only the mappings a job name is configured for. */
    @Bean
    TransformJobs glueTransformJobs(GlueClient glue, CatalogProperties properties) {
        return new GlueTransformJobs(glue, properties.job());
    }
}
