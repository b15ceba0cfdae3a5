package io.launchcast.monitor.quality;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.alarms.LocalAlarmsFixture;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.platform.objectstore.ObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forecast-quality service wired by hand with the local alarm evaluator (no retraining, no events), for
 * forked small-heap tests and benches that must not start Spring.
 */
public final class ForecastQualityFixture {

    private ForecastQualityFixture() {
    }

    /** A service on {@code store} and {@code dataDir}, configured by {@code settings} ({@code launchcast.monitor.*}). */
    public static ForecastQuality create(ObjectStore store, Path dataDir, Map<String, String> settings) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        MonitorProperties monitor = binder.bindOrCreate("launchcast.monitor", MonitorProperties.class);
        QualityProperties quality = binder.bindOrCreate("launchcast.monitor.quality", QualityProperties.class);
        AlarmProperties alarms = binder.bindOrCreate("launchcast.monitor.alarms", AlarmProperties.class);
        JsonMapper json = JsonMapper.builder().build();
        Clock clock = Clock.systemUTC();
        return new ForecastQuality(monitor, quality, new BaselineReader(store, json),
                new CapturedForecasts(store, json, monitor), store, json,
                LocalAlarmsFixture.create(alarms, monitor, store, json, clock, event -> { }, reason -> "none"),
                alarms, new QualityMeters(new SimpleMeterRegistry()), clock, dataDir);
    }
}
