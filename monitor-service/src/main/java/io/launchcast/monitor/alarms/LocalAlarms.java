package io.launchcast.monitor.alarms;

import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.monitor.runs.MonitoringRunListener;
import io.launchcast.platform.events.AlarmRaised;
import io.launchcast.platform.events.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The local counterpart of CloudWatch alarms: one drift alarm per model group and feature, fed one datapoint
 * per completed monitoring run (the run is the period), and the forecast-quality alarms, fed one datapoint per
 * arrival of actuals; evaluated with CloudWatch's M-out-of-N and missing-data rules, with state and history kept
 * in memory. Entering ALARM publishes {@link AlarmRaised}.
 */
@Component
public class LocalAlarms implements MonitoringRunListener {

    private static final Logger log = LoggerFactory.getLogger(LocalAlarms.class);
    /** Datapoints kept per alarm: more than any sensible evaluation window. */
    private static final int KEPT_DATAPOINTS = 100;

    private final AlarmRule driftRule;
    private final EventPublisher events;
    private final AlarmPolicies policies;
    private final Clock clock;
    private final AlarmDefinitions definitions;
    private final Map<String, Tracked> alarms = new LinkedHashMap<>();

    private static final class Tracked {
        final String name;
        final String metric;
        final List<Boolean> breaching = new ArrayList<>();
        final List<Alarm.Transition> history = new ArrayList<>();
        AlarmRule.State state = AlarmRule.State.INSUFFICIENT_DATA;
        Instant since;
        String modelVersion;
        Double lastValue;
        Double threshold;

        Tracked(String name, String metric, Instant since) {
            this.name = name;
            this.metric = metric;
            this.since = since;
        }
    }

    LocalAlarms(AlarmProperties properties, EventPublisher events, AlarmPolicies policies, Clock clock,
            AlarmDefinitions definitions) {
        this.driftRule = properties.drift();
        this.definitions = definitions;
        this.events = events;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public synchronized void completed(MonitoringRun run) {
        Map<String, FeatureDrift> byFeature = new LinkedHashMap<>();
        run.drift().forEach(d -> byFeature.put(d.feature(), d));
        // a feature alarmed before but not compared in this run gets a missing datapoint
        for (Tracked alarm : alarms.values()) {
            if (alarm.name.startsWith(prefix(run.group())) && !byFeature.containsKey(alarm.metric)) {
                record(alarm, driftRule, null, null, null, String.valueOf(run.modelVersion()), "monitoring run " + run.id());
            }
        }
        byFeature.forEach((feature, drift) -> {
            String name = prefix(run.group()) + feature;
            Tracked alarm = alarms.computeIfAbsent(name, n -> new Tracked(n, feature, Instant.now(clock)));
            record(alarm, driftRule, drift.drifted(), drift.value(), drift.threshold(), String.valueOf(run.modelVersion()),
                    "monitoring run " + run.id());
            define(new AlarmDefinition(name, "Drift of " + feature + " in the captured inputs of model group "
                    + run.group() + " (" + drift.method().label() + ", baseline v" + run.modelVersion() + ")",
                    "launchcast.monitor.drift", Map.of("group", run.group(), "model_version",
                            String.valueOf(run.modelVersion()), "feature", feature, "method", drift.method().label()),
                    drift.method().isTest() ? AlarmDefinition.Comparison.LESS_THAN : AlarmDefinition.Comparison.GREATER_THAN,
                    drift.threshold(), driftRule));
        });
    }

    /**
     * Declares an alarm where the port keeps definitions (CloudWatch in aws mode); a failure there is logged, never
     * lost silently, and leaves the local evaluation as it is.
     */
    public void define(AlarmDefinition definition) {
        try {
            definitions.define(definition);
        } catch (AlarmDefinitionException e) {
            log.warn("alarm {} not defined: {}", definition.name(), e.getMessage());
        }
    }

    /**
     * One datapoint of an alarm fed by something other than monitoring runs (forecast quality from actuals).
     *
     * @param name the alarm's name, created on its first datapoint
     * @param metric the metric it watches
     * @param rule how it evaluates its datapoints
     * @param breaching whether the datapoint breaches; null for a period without datapoint
     * @param value the datapoint, null when missing
     * @param threshold the threshold it was compared with
     * @param version the model version the datapoint is about
     * @param source what produced it, for the history's reason
     */
    public synchronized void datapoint(String name, String metric, AlarmRule rule, Boolean breaching, Double value,
            Double threshold, String version, String source) {
        Tracked alarm = alarms.computeIfAbsent(name, n -> new Tracked(n, metric, Instant.now(clock)));
        record(alarm, rule, breaching, value, threshold, version, source);
    }

    private void record(Tracked alarm, AlarmRule rule, Boolean breaching, Double value, Double threshold,
            String version, String source) {
        alarm.breaching.add(breaching);
        if (alarm.breaching.size() > KEPT_DATAPOINTS) {
            alarm.breaching.remove(0);
        }
        if (value != null) {
            alarm.lastValue = value;
            alarm.threshold = threshold;
            alarm.modelVersion = version;
        }
        AlarmRule.State next = rule.evaluate(alarm.breaching, alarm.state);
        if (next == alarm.state) {
            return;
        }
        Instant now = Instant.now(clock);
        String reason = String.format(Locale.ROOT, "%s: %s", source, value == null ? "no datapoint"
                : String.format(Locale.ROOT, "%s value %.6g against threshold %.6g", alarm.metric, value, threshold));
        if (next == AlarmRule.State.ALARM) {
            events.publish(new AlarmRaised(UUID.randomUUID().toString(), now, alarm.name, alarm.metric,
                    alarm.lastValue, alarm.threshold, alarm.modelVersion));
            reason = reason + "; " + policies.raised(alarm.name, reason);
        }
        alarm.history.add(new Alarm.Transition(now, alarm.state, next, reason));
        log.info("alarm {}: {} -> {} ({})", alarm.name, alarm.state, next, reason);
        alarm.state = next;
        alarm.since = now;
    }

    private static String prefix(String group) {
        return "drift-" + group + "-";
    }

    public synchronized List<Alarm> all() {
        return alarms.values().stream().map(LocalAlarms::view).toList();
    }

    public synchronized Optional<List<Alarm.Transition>> history(String name) {
        return Optional.ofNullable(alarms.get(name)).map(a -> List.copyOf(a.history));
    }

    private static Alarm view(Tracked a) {
        return new Alarm(a.name, a.metric, a.modelVersion, a.state, a.since, a.lastValue, a.threshold);
    }
}
