package io.launchcast.monitor.quality;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Forecast quality as gauges (in aws mode the CloudWatch registry ships them, and the CloudWatch alarms watch
 * them): WAPE, bias, mean wQL, coverage and the count of evaluated periods per model group, model version and
 * cohort ({@code all} for the version's pooled figures), wQL also per quantile. A figure without a value (no
 * actual units yet) reads NaN, which registries skip.
 */
@Component
class QualityMeters {

    /** The figures the quality alarms judge (newest model version, recent actuals); NaN while too few. */
    static final String ALARM_WAPE = "launchcast.monitor.quality.alarm.wape";
    static final String ALARM_ABS_BIAS = "launchcast.monitor.quality.alarm.abs_bias";
    static final String ALARM_COVERAGE = "launchcast.monitor.quality.alarm.coverage";
    private static final java.util.Set<String> ALARM_FIGURES = java.util.Set.of(ALARM_WAPE, ALARM_ABS_BIAS,
            ALARM_COVERAGE);

    /** The cohort tag of a version's pooled figures. */
    static final String ALL = "all";

    private final MeterRegistry meters;
    private final Map<Tags, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final Map<Tags, Gauge> gauges = new ConcurrentHashMap<>();

    QualityMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Sets the gauges of a group from its figures per model version, each per cohort and under {@value #ALL} for
     * the version's pooled figures.
     */
    void update(String group, Map<String, Map<String, QualityFigures>> byVersionAndCohort) {
        byVersionAndCohort.forEach((version, byCohort) -> byCohort.forEach((cohort, figures) ->
                set(group, version, cohort, figures)));
    }

    /**
     * Sets the figures the alarms judge, of the group's newest version; those of the version before are removed, as
     * the alarms now watch this one's and a registry would ship the old ones' last values for ever.
     */
    synchronized void alarmFigures(String group, String version, QualityFigures figures) {
        Tags tags = Tags.of("group", group, "model_version", String.valueOf(version));
        for (Tags held : java.util.List.copyOf(values.keySet())) {
            if (held.stream().anyMatch(t -> t.getKey().equals("meter") && ALARM_FIGURES.contains(t.getValue()))
                    && held.stream().anyMatch(t -> t.getKey().equals("group") && t.getValue().equals(group))
                    && held.stream().noneMatch(t -> t.getKey().equals("model_version")
                            && t.getValue().equals(String.valueOf(version)))) {
                meters.remove(gauges.remove(held));
                values.remove(held);
            }
        }
        set(ALARM_WAPE, tags, figures == null ? null : figures.wape());
        set(ALARM_ABS_BIAS, tags, figures == null || figures.bias() == null ? null : Math.abs(figures.bias()));
        set(ALARM_COVERAGE, tags, figures == null ? null : figures.coverage());
    }

    private void set(String group, String version, String cohort, QualityFigures f) {
        Tags tags = Tags.of("group", group, "model_version", version, "cohort", cohort);
        set("launchcast.monitor.quality.wape", tags, f.wape());
        set("launchcast.monitor.quality.bias", tags, f.bias());
        set("launchcast.monitor.quality.wql.mean", tags, f.meanWql());
        set("launchcast.monitor.quality.coverage", tags, f.coverage());
        set("launchcast.monitor.quality.actuals", tags, (double) f.count());
        f.wql().forEach((label, value) -> set("launchcast.monitor.quality.wql", tags.and("quantile", label), value));
    }

    private void set(String name, Tags tags, Double value) {
        double v = value == null ? Double.NaN : value;
        values.computeIfAbsent(tags.and("meter", name), t -> {
            AtomicReference<Double> holder = new AtomicReference<>(v);
            gauges.put(t, Gauge.builder(name, holder, AtomicReference::get).tags(tags).register(meters));
            return holder;
        }).set(v);
    }
}
