package io.launchcast.feature.online.local;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.online-store", name = "type", havingValue = "local", matchIfMissing = true)
class LocalOnlineStoreConfiguration {

    @Bean(destroyMethod = "close")
    MvStoreOnlineStore mvStoreOnlineStore(@Value("${launchcast.data-dir}") Path dataDir, JsonMapper json) {
        return new MvStoreOnlineStore(dataDir.resolve("feature-service").resolve("online-store.mv.db"), json);
    }
}
