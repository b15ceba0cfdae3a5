package io.launchcast.monitor.alarms;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local alarms' memory in the object store, one journal per model group: every change (the datapoints of a
 * monitoring run or of an arrival of actuals, with the transitions they caused) is one record object, written whole
 * (an object store write is atomic: a crash leaves the record or nothing) before it is applied in memory. Start-up
 * replays the newest snapshot and the records after it, in sequence order. Every {@value #RECORDS_PER_SNAPSHOT}
 * records a snapshot of the group's alarms replaces them, so start-up reads a bounded number of objects however
 * long the monitor has been running (an hourly run makes 8,760 records a year).
 *
 * <p>Layout under {@code <prefix>/<group>/}: {@code records/<sequence>.json}, {@code snapshots/<sequence>.json}
 * (the state after that record), sequences zero-padded so that listing order is sequence order. One monitor
 * instance writes a group's journal (the alarm state is that instance's).
 */
final class AlarmJournal {

    /** Records between snapshots: few enough to replay quickly, many enough that snapshots stay rare. */
    static final int RECORDS_PER_SNAPSHOT = 200;

    /**
     * One datapoint of one alarm, and the transition it caused (null when the state held). {@code withdrawn}: the
     * datapoints before it no longer count, having been judged against a model version that no longer serves
     * (null in records written before it existed: false).
     */
    record Entry(String name, String metric, Boolean breaching, Double value, Double threshold, String modelVersion,
            Alarm.Transition transition, Boolean withdrawn, Boolean deleted) {

        Entry(String name, String metric, Boolean breaching, Double value, Double threshold, String modelVersion,
                Alarm.Transition transition) {
            this(name, metric, breaching, value, threshold, modelVersion, transition, null, null);
        }

        /** The alarm's end: the model version now served has no such metric to judge. */
        static Entry deletion(String name, String metric, String modelVersion) {
            return new Entry(name, metric, null, null, null, modelVersion, null, null, true);
        }

        boolean withdraws() {
            return Boolean.TRUE.equals(withdrawn);
        }

        boolean deletes() {
            return Boolean.TRUE.equals(deleted);
        }
    }

    /** What one change did, as stored. */
    record Record(long sequence, Instant at, String source, List<Entry> entries) {
    }

    /** One alarm as a snapshot holds it. */
    record AlarmState(String name, String metric, List<Boolean> breaching, List<Alarm.Transition> history,
            AlarmRule.State state, Instant since, String modelVersion, Double lastValue, Double threshold) {
    }

    /** Every alarm of the group after record {@code sequence}. */
    record Snapshot(long sequence, Instant at, List<AlarmState> alarms) {
    }

    /** What start-up reads: the newest snapshot (if any) and the records after it, oldest first. */
    record Replay(Optional<Snapshot> snapshot, List<Record> records) {

        long lastSequence() {
            return records.isEmpty() ? snapshot.map(Snapshot::sequence).orElse(0L) : records.get(records.size() - 1).sequence();
        }
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final String prefix;

    AlarmJournal(ObjectStore store, JsonMapper json, String prefix, String group) {
        this.store = store;
        this.json = json;
        this.prefix = prefix + "/" + group + "/";
    }

    Replay replay() {
        Optional<ObjectSummary> newest = store.list(prefix + "snapshots/").stream().reduce((a, b) -> b);
        Optional<Snapshot> snapshot = newest.map(o -> json.readValue(store.read(o.key()), Snapshot.class));
        long after = snapshot.map(Snapshot::sequence).orElse(0L);
        List<Record> records = new ArrayList<>();
        for (ObjectSummary object : store.list(prefix + "records/")) {
            if (sequenceOf(object.key()) > after) {
                records.add(json.readValue(store.read(object.key()), Record.class));
            }
        }
        return new Replay(snapshot, records);
    }

    void append(Record record) {
        store.put(key("records/", record.sequence()), json.writeValueAsBytes(record), "application/json");
    }

    /**
     * Writes the snapshot, then deletes the records it covers; a crash in between leaves records that replay
     * skips (their sequence is not after the snapshot's), and the next snapshot deletes them.
     */
    void snapshot(Snapshot snapshot) {
        store.put(key("snapshots/", snapshot.sequence()), json.writeValueAsBytes(snapshot), "application/json");
        for (ObjectSummary object : store.list(prefix + "records/")) {
            if (sequenceOf(object.key()) <= snapshot.sequence()) {
                store.delete(object.key());
            }
        }
        for (ObjectSummary object : store.list(prefix + "snapshots/")) {
            if (sequenceOf(object.key()) < snapshot.sequence()) {
                store.delete(object.key());
            }
        }
    }

    private String key(String folder, long sequence) {
        return prefix + folder + String.format(Locale.ROOT, "%019d", sequence) + ".json";
    }

    private static long sequenceOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }
}
