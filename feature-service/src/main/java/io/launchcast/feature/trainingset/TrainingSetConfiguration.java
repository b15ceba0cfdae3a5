package io.launchcast.feature.trainingset;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.sync.FeatureSync;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TrainingSetConfiguration {

    @Bean
    TrainingSetBuilder trainingSetBuilder(ObjectStore store, OfflineStore offline, FeatureGroupCatalog catalog,
            FeatureSync sync, JsonMapper json) {
        return new TrainingSetBuilder(store, offline, catalog, sync, json, Clock.systemUTC());
    }
}
