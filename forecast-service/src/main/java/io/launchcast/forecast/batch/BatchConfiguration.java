package io.launchcast.forecast.batch;

import io.launchcast.forecast.capture.CaptureSink;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.ForecastService;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class BatchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BatchConfiguration.class);

    /** Jobs run one after another; each uses its own pool of part workers. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService batchJobExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "batch-forecasts");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    BatchForecastRunner batchForecastRunner(ObjectStore store, JsonMapper json, ChampionModel champion,
            ForecastService forecasts, CaptureSink capture, BatchProperties properties, ExecutorService batchJobExecutor,
            org.springframework.beans.factory.ObjectProvider<RemoteBatchForecasts> remote, MeterRegistry meters) {
        return new BatchForecastRunner(store, json, champion, forecasts, capture, properties, batchJobExecutor,
                Clock.systemUTC(), remote.getIfAvailable(), meters);
    }

    @Bean
    UpcomingLaunchesJob upcomingLaunchesJob(ObjectStore store, DatasetVersions versions,
            io.launchcast.forecast.registry.ModelRegistry registry,
            ChampionModel champion, BatchForecastRunner runner, BatchProperties properties, JsonMapper json,
            @org.springframework.beans.factory.annotation.Value("${launchcast.data-dir}") java.nio.file.Path dataDir,
            io.launchcast.platform.objectstore.LocalCopies datasetCopies) {
        return new UpcomingLaunchesJob(store, versions, registry, champion, runner, properties, json,
                dataDir.resolve("forecast-service").resolve("datasets"), datasetCopies, Clock.systemUTC());
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeJobsInterruptedByLastStop(ApplicationReadyEvent event) {
        int resumed = event.getApplicationContext().getBean(BatchForecastRunner.class).resumeUnfinished();
        if (resumed > 0) {
            log.warn("{} batch forecast job(s) were interrupted by the last stop and are resuming", resumed);
        }
    }
}
