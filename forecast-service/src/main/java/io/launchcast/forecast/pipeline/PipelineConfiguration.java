package io.launchcast.forecast.pipeline;

import io.launchcast.platform.objectstore.ObjectStore;
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
class PipelineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

    /** One run at a time: training saturates the machine, and runs queue in order of request. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService pipelineExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "pipeline-runner");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    PipelineRunner pipelineRunner(ObjectStore store, JsonMapper json, PipelineProperties properties,
            ExecutorService pipelineExecutor) {
        String codeVersion = CodeVersion.of(properties.codeVersion(), PipelineConfiguration.class);
        log.info("step caches keyed by code version {}", codeVersion);
        return new PipelineRunner(store, json, codeVersion, properties.maxAttempts(),
                properties.retryBackoff(), pipelineExecutor, Clock.systemUTC());
    }

    @EventListener(ApplicationReadyEvent.class)
    void failRunsInterruptedByLastStop(ApplicationReadyEvent event) {
        int failed = event.getApplicationContext().getBean(PipelineRunner.class).failInterruptedRuns();
        if (failed > 0) {
            log.warn("{} pipeline run(s) were interrupted by the last stop and are now marked FAILED", failed);
        }
    }
}
