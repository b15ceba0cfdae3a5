package io.launchcast.ingestion.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a run's lookup sources, by source and key, read before any other source: a field with
 * {@code lookup} replaces its value (the key) by a column of the row with that key. Lookup tables are small
 * (categories, stores, an item master), so they are held in memory.
 */
public final class Lookups {

    private final Map<String, Map<String, Map<String, String>>> rows = new HashMap<>();

    /** What became of a lookup row. */
    public enum Outcome { ADDED, DUPLICATE, CONFLICT }

    /**
     * Keeps a row of {@code source} under {@code key}.
     *
     * @return {@code DUPLICATE} for an identical second row with that key, {@code CONFLICT} for a different one
     */
    public Outcome add(String source, String key, List<String> columns, String[] values) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), values[i] == null ? null : values[i].trim());
        }
        Map<String, String> known = rows.computeIfAbsent(source, s -> new HashMap<>()).putIfAbsent(key, row);
        if (known == null) {
            return Outcome.ADDED;
        }
        return known.equals(row) ? Outcome.DUPLICATE : Outcome.CONFLICT;
    }

    /** The column of the row with that key, or null when there is none (or it is empty). */
    public String value(String source, String key, String column) {
        Map<String, String> row = rows.getOrDefault(source, Map.of()).get(key);
        String value = row == null ? null : row.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Whether {@code source} has a row with that key. */
    public boolean has(String source, String key) {
        return rows.getOrDefault(source, Map.of()).containsKey(key);
    }
}
