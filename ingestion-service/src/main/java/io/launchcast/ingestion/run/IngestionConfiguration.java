package io.launchcast.ingestion.run;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the ingestion runs; crash recovery runs while the context starts, before any traffic is taken. */
@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

    @Bean
    Clock ingestionClock() {
        return Clock.systemUTC();
    }

    @Bean
    MappingRepository mappingRepository(IngestionProperties properties, ObjectStore store) {
        return new MappingRepository(properties.mappings(), store);
    }

    @Bean
    RunRepository runRepository(ObjectStore store) {
        return new RunRepository(store);
    }

    @Bean
    DatasetRepository datasetRepository(ObjectStore store) {
        return new DatasetRepository(store);
    }

    @Bean
    IngestionJob ingestionJob(ObjectStore store, RunRepository runs, DatasetRepository datasets, DatasetCatalog catalog,
            TransformJobs transformJobs, EventPublisher events, IngestionProperties properties, Clock ingestionClock) {
        return new IngestionJob(store, runs, datasets, catalog, transformJobs, events, properties, ingestionClock);
    }

    /**
     * Settles the runs a crash cut off before the service can take a new one, and queues their resumption
     * first: the web server and the event listener start only after every bean exists, so no request races
     * the recovery.
     */
    @Bean(destroyMethod = "close")
    IngestionService ingestionService(MappingRepository mappings, ObjectStore store, RunRepository runs,
            IngestionJob job, Clock ingestionClock, RunRecovery recovery, IngestionProperties properties) {
        List<IngestionRun> settled = recovery.recover();
        IngestionService service = new IngestionService(mappings, store, runs, job, ingestionClock);
        if (properties.resumeInterrupted()) {
            service.resume(settled.stream().filter(r -> r.state() == RunState.FAILED).toList());
        }
        return service;
    }

    @Bean
    LandingObjectHandler landingObjectHandler(IngestionService ingestions, MappingRepository mappings) {
        return new LandingObjectHandler(ingestions, mappings);
    }

    @Bean
    RunRecovery runRecovery(ObjectStore store, RunRepository runs, DatasetRepository datasets, EventPublisher events,
            Clock ingestionClock, IngestionProperties properties) {
        return new RunRecovery(store, runs, datasets, events, ingestionClock, properties.workDir());
    }
}
