package io.launchcast.monitor.metrics;

import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.monitor.runs.MonitoringRunListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The latest run's figures as meters (in aws mode the CloudWatch registry ships them): drift value and
 * threshold per feature, and violations per check, tagged with model group, model version and feature. A registry
 * ships every gauge it holds at every step, so a gauge says only what the latest run of its group says: a check
 * without violations this run is 0, not the count of a run before, and the gauges of a version no longer served
 * are removed rather than shipped with their last values for ever.
 */
@Component
class DriftMeters implements MonitoringRunListener {

    private static final String VIOLATIONS = "launchcast.monitor.violations";

    private final MeterRegistry meters;
    private final Map<Tags, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final Map<Tags, Gauge> gauges = new ConcurrentHashMap<>();

    DriftMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public synchronized void completed(MonitoringRun run) {
        String version = String.valueOf(run.modelVersion());
        for (Tags tags : List.copyOf(values.keySet())) {
            if (tag(tags, "group").equals(run.group()) && !tag(tags, "model_version").equals(version)) {
                meters.remove(gauges.remove(tags));
                values.remove(tags);
            }
        }
        for (FeatureDrift drift : run.drift()) {
            Tags tags = Tags.of("group", run.group(), "model_version", version, "feature", drift.feature(),
                    "method", drift.method().label());
            set("launchcast.monitor.drift", tags, drift.value());
            set("launchcast.monitor.drift.threshold", tags, drift.threshold());
        }
        values.forEach((tags, value) -> {
            if (tag(tags, "meter").equals(VIOLATIONS) && tag(tags, "group").equals(run.group())) {
                value.set(0.0); // set again below where this run found violations
            }
        });
        Map<String, Long> perCheck = new java.util.TreeMap<>();
        run.violations().forEach(v -> perCheck.merge(v.featureName() + "\u0000" + v.constraintCheckType(), 1L, Long::sum));
        for (Map.Entry<String, Long> e : perCheck.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            set(VIOLATIONS, Tags.of("group", run.group(), "model_version", version,
                    "feature", key[0], "check", key[1]), e.getValue());
        }
        set("launchcast.monitor.records", Tags.of("group", run.group(), "model_version", version), run.recordsRead());
    }

    private void set(String name, Tags tags, double value) {
        values.computeIfAbsent(tags.and("meter", name), t -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            gauges.put(t, Gauge.builder(name, holder, AtomicReference::get).tags(tags).register(meters));
            return holder;
        }).set(value);
    }

    private static String tag(Tags tags, String key) {
        return tags.stream().filter(t -> t.getKey().equals(key)).map(Tag::getValue).findFirst().orElse("");
    }
}
