package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.SignalRecord;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The series of one signal family per term (e.g. the weekly search-trend index of "culottes"), with missing
 * values kept as null so that summaries can count them instead of inventing numbers.
 */
public final class SignalHistory {

    private final Map<String, NavigableMap<LocalDate, Double>> series;

    private SignalHistory(Map<String, NavigableMap<LocalDate, Double>> series) {
        this.series = series;
    }

    /** The series of {@code family} in {@code dataset}, keyed by term. */
    public static SignalHistory of(CuratedDataset dataset, String family) {
        return of(dataset.signals(), family);
    }

    /** The series of {@code family} among {@code signals}, keyed by term. */
    public static SignalHistory of(List<SignalRecord> signals, String family) {
        Map<String, NavigableMap<LocalDate, Double>> series = new HashMap<>();
        for (SignalRecord r : signals) {
            if (family.equals(r.signal())) {
                Double value = r.value() == null || r.value().isNaN() ? null : r.value(); // NaN is missing too
                series.computeIfAbsent(r.term(), k -> new TreeMap<>()).put(r.periodStart(), value);
            }
        }
        return new SignalHistory(series);
    }

    /** The series of a term (period start to value, null = missing), or null when the term has none. */
    public NavigableMap<LocalDate, Double> series(String term) {
        return series.get(term);
    }
}
