package io.launchcast.monitor.alarms;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.monitor.runs.MonitoringRunListener;
import io.launchcast.platform.events.AlarmRaised;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local counterpart of CloudWatch alarms: one drift alarm per model group and feature, fed one datapoint
 * per completed monitoring run (the run is the period), and the forecast-quality alarms, fed one datapoint per
 * arrival of actuals; evaluated with CloudWatch's M-out-of-N and missing-data rules. Entering ALARM publishes
 * {@link AlarmRaised}. State, datapoints and history survive a restart: each change is a record in the group's
 * {@link AlarmJournal}, written before it is applied and replayed at start-up (an ALARM stays an ALARM, and the
 * next datapoint is judged with the ones before the restart).
 */
@Component
public class LocalAlarms implements MonitoringRunListener {

    private static final Logger log = LoggerFactory.getLogger(LocalAlarms.class);
    /** Datapoints kept per alarm: more than any sensible evaluation window. */
    private static final int KEPT_DATAPOINTS = 100;
    private static final String DRIFT = "drift-";

    private final AlarmRule driftRule;
    private final EventPublisher events;
    private final AlarmPolicies policies;
    private final Clock clock;
    private final AlarmDefinitions definitions;
    private final MonitorProperties monitor;
    private final ObjectStore store;
    private final JsonMapper json;
    private final String prefix;
    private final Map<String, Tracked> alarms = new LinkedHashMap<>();
    private final Map<String, Journal> journals = new HashMap<>();

    private static final class Tracked {
        final String group;
        final String name;
        final String metric;
        final List<Boolean> breaching = new ArrayList<>();
        final List<Alarm.Transition> history = new ArrayList<>();
        AlarmRule.State state = AlarmRule.State.INSUFFICIENT_DATA;
        Instant since;
        String modelVersion;
        Double lastValue;
        Double threshold;

        Tracked(String group, String name, String metric, Instant since) {
            this.group = group;
            this.name = name;
            this.metric = metric;
            this.since = since;
        }

        AlarmJournal.AlarmState snapshot() {
            return new AlarmJournal.AlarmState(name, metric, List.copyOf(breaching), List.copyOf(history), state, since,
                    modelVersion, lastValue, threshold);
        }
    }

    /** A group's journal and where it stands. */
    private static final class Journal {
        final AlarmJournal store;
        long sequence;
        long snapshotSequence;

        Journal(AlarmJournal store) {
            this.store = store;
        }
    }

    LocalAlarms(AlarmProperties properties, EventPublisher events, AlarmPolicies policies, Clock clock,
            AlarmDefinitions definitions, MonitorProperties monitor, ObjectStore store, JsonMapper json) {
        this.driftRule = properties.drift();
        this.definitions = definitions;
        this.events = events;
        this.policies = policies;
        this.clock = clock;
        this.monitor = monitor;
        this.store = store;
        this.json = json;
        this.prefix = properties.prefix();
    }

    /** Restores every monitored group's alarms at start-up; a group the store cannot give yet is read on first use. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void restore() {
        for (MonitorProperties.Model model : monitor.models()) {
            try {
                journal(model.group());
            } catch (RuntimeException e) {
                log.warn("alarms of {} not restored yet (read on first use): {}", model.group(), e.getMessage());
            }
        }
    }

    /** The group's journal, replayed into memory on first use. Callers hold this object's lock. */
    private Journal journal(String group) {
        Journal journal = journals.get(group);
        if (journal != null) {
            return journal;
        }
        journal = new Journal(new AlarmJournal(store, json, prefix, group));
        AlarmJournal.Replay replay = journal.store.replay();
        replay.snapshot().ifPresent(snapshot -> snapshot.alarms().forEach(a -> {
            Tracked alarm = new Tracked(group, a.name(), a.metric(), a.since());
            alarm.breaching.addAll(a.breaching());
            alarm.history.addAll(a.history());
            alarm.state = a.state();
            alarm.modelVersion = a.modelVersion();
            alarm.lastValue = a.lastValue();
            alarm.threshold = a.threshold();
            alarms.put(a.name(), alarm);
        }));
        replay.records().forEach(r -> r.entries().forEach(e -> apply(group, r.at(), e, false)));
        journal.snapshotSequence = replay.snapshot().map(AlarmJournal.Snapshot::sequence).orElse(0L);
        journal.sequence = replay.lastSequence();
        journals.put(group, journal);
        log.info("alarms of {}: restored from {} records after snapshot {}", group, replay.records().size(),
                journal.snapshotSequence);
        return journal;
    }

    @Override
    public synchronized void completed(MonitoringRun run) {
        journal(run.group());
        Instant now = Instant.now(clock);
        String source = "monitoring run " + run.id();
        String version = String.valueOf(run.modelVersion());
        Map<String, FeatureDrift> byFeature = new LinkedHashMap<>();
        run.drift().forEach(d -> byFeature.put(d.feature(), d));
        List<AlarmJournal.Entry> entries = new ArrayList<>();
        // a feature alarmed before but not compared in this run (a quiet window, too few values) gets a missing
        // datapoint, which the drift rule judges (by default: the verdict holds); but a verdict against another
        // model version's baseline says nothing about this one: it is withdrawn; and the alarm of a feature (or
        // forecast period) the version served does not have could never be judged again: it is deleted
        List<String> withdrawn = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Tracked alarm : alarms.values()) {
            if (alarm.group.equals(run.group()) && alarm.name.startsWith(DRIFT) && !byFeature.containsKey(alarm.metric)) {
                if (!run.mayJudge(alarm.metric)) {
                    entries.add(AlarmJournal.Entry.deletion(alarm.name, alarm.metric, version));
                    deleted.add(alarm.name);
                } else if (alarm.modelVersion != null && !alarm.modelVersion.equals(version)) {
                    entries.add(withdraw(alarm, version, source + ": no verdict yet against model version " + version
                            + "'s baseline, the last was against version " + alarm.modelVersion, now));
                    withdrawn.add(alarm.name);
                } else {
                    entries.add(evaluate(alarm.name, alarm.metric, driftRule, null, null, null, version, source, now));
                }
            }
        }
        byFeature.forEach((feature, drift) -> entries.add(evaluate(DRIFT + run.group() + "-" + feature, feature,
                driftRule, drift.drifted(), drift.value(), drift.threshold(), version, source, now)));
        commit(run.group(), now, source, entries);
        withdrawn.forEach(this::withdrawVerdict);
        deleted.forEach(name -> {
            log.info("alarm {} deleted: model version {} of {} has no {} to judge", name, version, run.group(),
                    name.substring(DRIFT.length() + run.group().length() + 1));
            delete(name);
        });
        byFeature.forEach((feature, drift) -> define(new AlarmDefinition(DRIFT + run.group() + "-" + feature,
                "Drift of " + feature + " in the captured inputs of model group " + run.group() + " ("
                        + drift.method().label() + ", baseline v" + run.modelVersion() + ")",
                "launchcast.monitor.drift", Map.of("group", run.group(), "model_version", version, "feature", feature,
                        "method", drift.method().label()),
                drift.method().isTest() ? AlarmDefinition.Comparison.LESS_THAN : AlarmDefinition.Comparison.GREATER_THAN,
                drift.threshold(), driftRule)));
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

    private void delete(String name) {
        try {
            definitions.delete(name);
        } catch (AlarmDefinitionException e) {
            log.warn("alarm {}: not deleted where it is defined: {}", name, e.getMessage());
        }
    }

    private void withdrawVerdict(String name) {
        try {
            definitions.withdrawVerdict(name);
        } catch (AlarmDefinitionException e) {
            log.warn("alarm {}: verdict not withdrawn where it is defined: {}", name, e.getMessage());
        }
    }

    /**
     * An entry that withdraws the alarm's datapoints: INSUFFICIENT_DATA until the next datapoint, which is judged
     * alone (M out of N counts no datapoint of the version before).
     */
    private AlarmJournal.Entry withdraw(Tracked alarm, String version, String reason, Instant now) {
        Alarm.Transition transition = alarm.state == AlarmRule.State.INSUFFICIENT_DATA ? null
                : new Alarm.Transition(now, alarm.state, AlarmRule.State.INSUFFICIENT_DATA, reason);
        return new AlarmJournal.Entry(alarm.name, alarm.metric, null, null, null, version, transition, true, null);
    }

    /**
     * One datapoint of an alarm fed by something other than monitoring runs (forecast quality from actuals).
     *
     * @param group the model group the alarm belongs to (whose journal keeps it)
     * @param name the alarm's name, created on its first datapoint
     * @param metric the metric it watches
     * @param rule how it evaluates its datapoints
     * @param breaching whether the datapoint breaches; null for a period without datapoint
     * @param value the datapoint, null when missing
     * @param threshold the threshold it was compared with
     * @param version the model version the datapoint is about
     * @param source what produced it, for the history's reason
     */
    public synchronized void datapoint(String group, String name, String metric, AlarmRule rule, Boolean breaching,
            Double value, Double threshold, String version, String source) {
        journal(group);
        Instant now = Instant.now(clock);
        commit(group, now, source, List.of(evaluate(name, metric, rule, breaching, value, threshold, version, source, now)));
    }

    /** Whether the alarm has had a datapoint (before or since the last restart). */
    public synchronized boolean exists(String group, String name) {
        journal(group);
        return alarms.containsKey(name);
    }

    /**
     * Judges one datapoint without changing anything held, acting on a transition to ALARM (the event, the policy)
     * so that the record says what was done.
     */
    private AlarmJournal.Entry evaluate(String name, String metric, AlarmRule rule, Boolean breaching, Double value,
            Double threshold, String version, String source, Instant now) {
        Tracked alarm = alarms.get(name);
        List<Boolean> datapoints = new ArrayList<>(alarm == null ? List.of() : alarm.breaching);
        datapoints.add(breaching);
        AlarmRule.State current = alarm == null ? AlarmRule.State.INSUFFICIENT_DATA : alarm.state;
        AlarmRule.State next = rule.evaluate(datapoints, current);
        if (next == current) {
            return new AlarmJournal.Entry(name, metric, breaching, value, threshold, version, null);
        }
        String reason = String.format(Locale.ROOT, "%s: %s", source, value == null ? "no datapoint"
                : String.format(Locale.ROOT, "%s value %.6g against threshold %.6g", metric, value, threshold));
        if (next == AlarmRule.State.ALARM) {
            boolean fresh = value != null || alarm == null;
            events.publish(new AlarmRaised(UUID.randomUUID().toString(), now, name, metric,
                    fresh ? value : alarm.lastValue, fresh ? threshold : alarm.threshold,
                    fresh ? version : alarm.modelVersion));
            reason = reason + "; " + policies.raised(name, reason);
        }
        return new AlarmJournal.Entry(name, metric, breaching, value, threshold, version,
                new Alarm.Transition(now, current, next, reason));
    }

    /** Writes the change to the group's journal, then applies it; every so many records, a snapshot follows. */
    private void commit(String group, Instant now, String source, List<AlarmJournal.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Journal journal = journal(group);
        long sequence = journal.sequence + 1;
        journal.store.append(new AlarmJournal.Record(sequence, now, source, entries));
        journal.sequence = sequence;
        entries.forEach(e -> apply(group, now, e, true));
        if (sequence - journal.snapshotSequence >= AlarmJournal.RECORDS_PER_SNAPSHOT) {
            try {
                journal.store.snapshot(new AlarmJournal.Snapshot(sequence, now, alarms.values().stream()
                        .filter(a -> a.group.equals(group)).map(Tracked::snapshot).toList()));
                journal.snapshotSequence = sequence;
            } catch (RuntimeException e) {
                // the records are all there: replay is longer, nothing is lost; the next record tries again
                log.warn("alarms of {}: snapshot at record {} failed: {}", group, sequence, e.getMessage());
            }
        }
    }

    /** Applies a recorded entry; {@code live} is false while replaying (its transitions were logged when they happened). */
    private void apply(String group, Instant at, AlarmJournal.Entry entry, boolean live) {
        if (entry.deletes()) {
            alarms.remove(entry.name());
            return;
        }
        Tracked alarm = alarms.computeIfAbsent(entry.name(), n -> new Tracked(group, n, entry.metric(), at));
        if (entry.withdraws()) {
            alarm.breaching.clear();
            alarm.lastValue = null;
            alarm.threshold = null;
            alarm.modelVersion = entry.modelVersion();
        }
        alarm.breaching.add(entry.breaching());
        if (alarm.breaching.size() > KEPT_DATAPOINTS) {
            alarm.breaching.remove(0);
        }
        if (entry.value() != null) {
            alarm.lastValue = entry.value();
            alarm.threshold = entry.threshold();
            alarm.modelVersion = entry.modelVersion();
        }
        Alarm.Transition transition = entry.transition();
        if (transition != null) {
            alarm.history.add(transition);
            alarm.state = transition.to();
            alarm.since = transition.at();
            if (live) {
                log.info("alarm {}: {} -> {} ({})", alarm.name, transition.from(), transition.to(), transition.reason());
            }
        }
    }

    public synchronized List<Alarm> all() {
        restoreQuietly();
        return alarms.values().stream().map(LocalAlarms::view).toList();
    }

    public synchronized Optional<List<Alarm.Transition>> history(String name) {
        restoreQuietly();
        return Optional.ofNullable(alarms.get(name)).map(a -> List.copyOf(a.history));
    }

    /** Before answering: every monitored group's journal read (a store that failed at start-up may answer now). */
    private void restoreQuietly() {
        if (journals.size() < monitor.models().size()) {
            restore();
        }
    }

    private static Alarm view(Tracked a) {
        return new Alarm(a.name, a.metric, a.modelVersion, a.state, a.since, a.lastValue, a.threshold);
    }
}
