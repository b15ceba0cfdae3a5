package io.launchcast.forecast.capture;

import io.launchcast.platform.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The capture sink real-time serving and batch jobs write to, and the retention that trims what it wrote. */
@Configuration(proxyBeanMethods = false)
class CaptureConfiguration {

    @Bean
    ObjectStoreCaptureSink captureSink(ObjectStore store, JsonMapper json, CaptureProperties properties,
            MeterRegistry meters) {
        return new ObjectStoreCaptureSink(store, json, properties, Clock.systemUTC(), meters);
    }

    @Bean
    CaptureRetention captureRetention(ObjectStore store, CaptureProperties properties) {
        return new CaptureRetention(store, properties, Clock.systemUTC());
    }
}
