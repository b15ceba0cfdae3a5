package io.launchcast.forecast.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a model works out once per snapshot of the history (a text index, the log prices), keyed by the
 * snapshot's identity, for the {@link #CAPACITY} snapshots used last. Forecasts and training walk launches in
 * date order, so a snapshot's entry is reused while its launches are asked about. An unbounded map kept every
 * snapshot's entry (and through its key the snapshot's list of past launches) alive for the model's lifetime,
 * long after the history itself had let the snapshot go.
 */
final class SnapshotCache<K, V> {

    static final int CAPACITY = 16;

    /** A key that is equal only to itself: snapshots are compared by identity, never by their contents. */
    private record Identity(Object key) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity i && i.key == key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }
    }

    private final Map<Identity, V> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, V> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized V get(K snapshot, Function<K, V> compute) {
        Identity key = new Identity(snapshot);
        V value = entries.get(key);
        if (value == null) {
            value = compute.apply(snapshot);
            entries.put(key, value);
        }
        return value;
    }

    synchronized int size() {
        return entries.size();
    }
}
