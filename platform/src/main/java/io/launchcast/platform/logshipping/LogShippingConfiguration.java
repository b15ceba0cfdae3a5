package io.launchcast.platform.logshipping;

import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ships the service's log file to the object store when {@code launchcast.log-shipping.enabled} (the local profile
 * of the shared configuration sets it, with the file Spring Boot writes, {@code logging.file.name}).
 */
@AutoConfiguration(afterName = {"io.launchcast.platform.objectstore.aws.S3ObjectStoreConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnProperty(prefix = "launchcast.log-shipping", name = "enabled", havingValue = "true")
@ConditionalOnBean(ObjectStore.class)
@EnableConfigurationProperties(LogShippingProperties.class)
public class LogShippingConfiguration {

    @Bean
    LogShipper logShipper(ObjectStore store, ObjectProvider<JsonMapper> json, LogShippingProperties properties) {
        if (properties.file() == null) {
            throw new IllegalStateException("launchcast.log-shipping.enabled needs launchcast.log-shipping.file "
                    + "(the service's logging.file.name)");
        }
        return new LogShipper(store, json.getIfAvailable(() -> JsonMapper.builder().build()), properties,
                Clock.systemUTC());
    }

    @Bean
    LogShippingSchedule logShippingSchedule(LogShipper shipper, LogShippingProperties properties) {
        return new LogShippingSchedule(shipper, properties.interval());
    }
}
