package io.launchcast.feature.sync;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.offline.ParquetOfflineStore;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    /** The offline store lives in the object store in both modes; only its local read cache is on disk. */
    @Bean
    OfflineStore offlineStore(ObjectStore store, @Value("${launchcast.data-dir}") Path dataDir) {
        return new ParquetOfflineStore(store, dataDir.resolve("feature-service").resolve("offline-cache"));
    }

    @Bean
    FeatureSync featureSync(ObjectStore store, OfflineStore offline, OnlineStore online, FeatureGroupCatalog catalog,
            FeatureProperties properties, EventPublisher events, JsonMapper json,
            @Value("${launchcast.data-dir}") Path dataDir) {
        return new FeatureSync(store, offline, online, catalog, properties, events, json,
                dataDir.resolve("feature-service").resolve("datasets"), Clock.systemUTC());
    }
}
