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
 * aws mode: the Glue client (region and credentials from Spring Cloud AWS), the Glue catalog and, when a job
 * name is configured, the Glue job engine.
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

    @Bean
    @ConditionalOnProperty(prefix = "launchcast.ingestion.catalog.job", name = "name")
    TransformJobs glueTransformJobs(GlueClient glue, CatalogProperties properties) {
        var job = properties.job();
        return new GlueTransformJobs(glue, job.name(), job.pollInterval(), job.timeout());
    }
}
