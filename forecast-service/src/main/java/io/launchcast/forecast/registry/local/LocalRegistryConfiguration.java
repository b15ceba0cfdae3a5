package io.launchcast.forecast.registry.local;

import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.registry", name = "type", havingValue = "local", matchIfMissing = true)
class LocalRegistryConfiguration {

    @Bean
    ModelRegistry objectStoreModelRegistry(ObjectStore store, JsonMapper json) {
        return new ObjectStoreModelRegistry(store, json, Clock.systemUTC());
    }
}
