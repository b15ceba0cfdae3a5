package io.launchcast.platform.datasets;

import io.launchcast.platform.objectstore.ObjectStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Every service that has an object store can tell usable dataset versions from withdrawn ones. */
@AutoConfiguration(afterName = {"io.launchcast.platform.objectstore.aws.S3ObjectStoreConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
public class DatasetVersionsConfiguration {

    @Bean
    @ConditionalOnBean(ObjectStore.class)
    DatasetVersions datasetVersions(ObjectStore store, ObjectProvider<JsonMapper> json) {
        return new DatasetVersions(store, json.getIfAvailable(() -> JsonMapper.builder().build()));
    }
}
