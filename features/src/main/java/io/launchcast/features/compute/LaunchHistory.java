package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The launch curves of a dataset and, for any as-of date, the snapshot of what was known then: earlier
 * launches whose sales may serve as history, each cut to the periods that had ended, and the mean curve of
 * those known cells. Which products may serve as history is the caller's choice (e.g. only the fit split).
 */
public final class LaunchHistory {

    /**
     * Snapshots kept per history: up to 32, which covers the launch dates of a season of new products, but no
     * more than about 64 MB of them. A snapshot costs about 200 bytes per launch (1 MB for VISUELLE's 5,577),
     * and 8 more per horizon period once an analog forecast has read its {@link FilledCurves} (96 for
     * VISUELLE's 12); a retailer's history of 500,000 launches keeps 2.
     */
    static int cachedSnapshots(int launches) {
        return Math.max(2, Math.min(32, 320_000 / Math.max(1, launches)));
    }

    private final int cachedSnapshots;

    private final FeatureDefinitions definitions;
    private final Map<String, LaunchCurve> curves;
    /** History launches, most recent first, ties by product id so that every order is reproducible. */
    private final List<LaunchCurve> history;
    private final Map<LocalDate, Knowledge> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<LocalDate, Knowledge> eldest) {
                    return size() > cachedSnapshots;
                }
            });
    /**
     * The last date at which what is known still changes: the latest history launch, or the end of the latest
     * observed period. Every later as-of date knows the same launches and periods.
     */
    private final LocalDate lastFact;
    /**
     * Per history launch (in {@link #history}'s order), the keys of the groups it belongs to, in the order they
     * are filled: built once, as every state of knowledge groups the same launches by the same values (building
     * the key strings per launch and per date cost more than the rest of a snapshot). Equal keys are one string.
     */
    private final String[][] groupKeys;

    private LaunchHistory(FeatureDefinitions definitions, Map<String, LaunchCurve> curves,
                          List<LaunchCurve> history) {
        this.definitions = definitions;
        this.curves = curves;
        this.history = history;
        this.cachedSnapshots = cachedSnapshots(history.size());
        this.groupKeys = groupKeys(definitions, history);
        LocalDate last = LocalDate.MIN;
        for (LaunchCurve c : history) {
            if (c.product().launchDate().isAfter(last)) {
                last = c.product().launchDate();
            }
            for (int h = 0; h < c.units().length && !Double.isNaN(c.units()[h]); h++) {
                if (c.periodEnds()[h].isAfter(last)) {
                    last = c.periodEnds()[h];
                }
            }
        }
        this.lastFact = last;
    }

    private static String[][] groupKeys(FeatureDefinitions definitions, List<LaunchCurve> history) {
        List<String> attributes = definitions.attributes();
        Map<String, String> shared = new HashMap<>();
        String[][] keys = new String[history.size()][];
        List<String> launch = new ArrayList<>();
        for (int c = 0; c < keys.length; c++) {
            Product product = history.get(c).product();
            launch.clear();
            for (int i = 0; i < attributes.size(); i++) {
                String a = attributes.get(i);
                String va = product.attribute(a);
                if (va == null) {
                    continue;
                }
                launch.add(Snapshot.groupKey(a, va, null, null));
                if (definitions.attributePairs()) {
                    for (int j = i + 1; j < attributes.size(); j++) {
                        String b = attributes.get(j);
                        String vb = product.attribute(b);
                        if (vb != null) {
                            launch.add(Snapshot.groupKey(a, va, b, vb));
                        }
                    }
                }
            }
            keys[c] = new String[launch.size()];
            for (int k = 0; k < keys[c].length; k++) {
                keys[c][k] = shared.computeIfAbsent(launch.get(k), key -> key);
            }
        }
        return keys;
    }

    /** How many as-of snapshots are kept (see {@link #cachedSnapshots(int)}). */
    public int cachedSnapshots() {
        return cachedSnapshots;
    }

    /**
     * Builds the curves of every product of {@code dataset} and keeps as history those accepted by
     * {@code usableAsHistory}, never a left-censored product (its first sale is no launch).
     */
    public static LaunchHistory of(CuratedDataset dataset, FeatureDefinitions definitions,
                                   Predicate<Product> usableAsHistory) {
        return of(dataset.products(), dataset.sales()::forEach, definitions, usableAsHistory);
    }

    /**
     * Like {@link #of(CuratedDataset, FeatureDefinitions, Predicate)}, reading {@code sales} once as a stream:
     * each row is added to its product's curve as it passes, so no row is kept. Products launching on the same
     * date share one array of period ends.
     */
    public static LaunchHistory of(List<Product> products, SalesRows sales, FeatureDefinitions definitions,
                                   Predicate<Product> usableAsHistory) {
        int horizon = definitions.horizon();
        Map<String, LaunchCurve> curves = new LinkedHashMap<>();
        Map<LocalDate, LocalDate[]> endsByFirst = new HashMap<>();
        for (Product p : products) {
            LocalDate first = definitions.anchor().firstPeriodStart(definitions.period(), p.launchDate());
            LocalDate[] ends = endsByFirst.computeIfAbsent(first, f -> {
                LocalDate[] e = new LocalDate[horizon];
                for (int h = 0; h < horizon; h++) {
                    e[h] = definitions.period().plus(f, h + 1);
                }
                return e;
            });
            double[] units = new double[horizon];
            Arrays.fill(units, Double.NaN);
            curves.put(p.id(), new LaunchCurve(p, units, ends));
        }
        // cells start unknown (NaN); a sale makes its cell a sum of units, whatever the order rows come in
        // (whole units: every order gives the same double); covered cells without a sale become zero below
        LocalDate[] observedUntil = new LocalDate[1];
        Map<LocalDate, LocalDate> firstByLaunch = new HashMap<>();
        sales.forEach(s -> {
            LocalDate end = definitions.period().plus(s.periodStart(), 1);
            if (observedUntil[0] == null || end.isAfter(observedUntil[0])) {
                observedUntil[0] = end;
            }
            LaunchCurve c = curves.get(s.productId());
            if (c == null) {
                return;
            }
            LocalDate first = firstByLaunch.computeIfAbsent(c.product().launchDate(),
                    d -> definitions.anchor().firstPeriodStart(definitions.period(), d));
            long h = definitions.period().between(first, s.periodStart());
            if (h >= 0 && h < horizon) {
                double[] units = c.units();
                units[(int) h] = (Double.isNaN(units[(int) h]) ? 0.0 : units[(int) h]) + s.units();
            }
        });
        if (observedUntil[0] != null) {
            for (LaunchCurve c : curves.values()) {
                for (int h = 0; h < horizon; h++) {
                    if (Double.isNaN(c.units()[h]) && !c.periodEnds()[h].isAfter(observedUntil[0])) {
                        c.units()[h] = 0.0;
                    }
                }
            }
        }
        List<LaunchCurve> history = new ArrayList<>();
        for (LaunchCurve c : curves.values()) {
            if (usableAsHistory.test(c.product()) && !c.product().leftCensored()) {
                history.add(c);
            }
        }
        history.sort(Comparator.comparing((LaunchCurve c) -> c.product().launchDate()).reversed()
                .thenComparing(c -> c.product().id()));
        return new LaunchHistory(definitions, Collections.unmodifiableMap(curves), List.copyOf(history));
    }

    /** The feature definitions the curves were cut with. */
    public FeatureDefinitions definitions() {
        return definitions;
    }

    /** The curve of any product of the dataset (history or not), or null for an unknown id. */
    public LaunchCurve curve(String productId) {
        return curves.get(productId);
    }

    /** Every curve, in dataset order. */
    public List<LaunchCurve> curves() {
        return List.copyOf(curves.values());
    }

    /**
     * What was known on {@code asOf}: launches strictly before it, cut to the periods ended by then. What was
     * known is built once per distinct state of knowledge: every date after the last fact of the history (the
     * dates new products launch on) shares one, so a forecast for any launch date costs what one for a cached
     * date does; only ages and recency weights are the date's own.
     */
    public Snapshot asOf(LocalDate asOf) {
        LocalDate key = asOf.isAfter(lastFact) ? lastFact.plusDays(1) : asOf;
        Knowledge known = cache.get(key);
        if (known == null) {
            known = build(key);
            cache.put(key, known);
        }
        return new Snapshot(asOf, known, definitions.period(), definitions.recencyHalfLife());
    }

    /** What {@link #asOf} would answer if it built what was known at exactly {@code asOf}, sharing nothing. */
    Snapshot builtAt(LocalDate asOf) {
        return new Snapshot(asOf, build(asOf), definitions.period(), definitions.recencyHalfLife());
    }

    private Knowledge build(LocalDate asOf) {
        int horizon = definitions.horizon();
        double[] sum = new double[horizon];
        int[] count = new int[horizon];
        List<LaunchCurve> known = new ArrayList<>();
        List<Integer> knownPeriods = new ArrayList<>();
        int[] knownIndex = new int[history.size()];
        for (int index = 0; index < history.size(); index++) {
            LaunchCurve c = history.get(index);
            if (!c.product().launchDate().isBefore(asOf)) {
                continue;
            }
            int m = c.knownPeriods(asOf, definitions.knowledge());
            if (m == 0) {
                continue;
            }
            knownIndex[known.size()] = index;
            known.add(c);
            knownPeriods.add(m);
            for (int h = 0; h < m; h++) {
                sum[h] += c.units()[h];
                count[h]++;
            }
        }
        double[] mean = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            mean[h] = count[h] == 0 ? Double.NaN : sum[h] / count[h];
        }
        List<PastLaunch> past = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            LaunchCurve c = known.get(i);
            int m = knownPeriods.get(i);
            double actual = 0;
            double expected = 0;
            for (int h = 0; h < m; h++) {
                actual += c.units()[h];
                expected += mean[h];
            }
            // a relative level lets launches with 2 known periods and launches with 12 be compared and pooled
            past.add(new PastLaunch(c, m, expected > 0 ? actual / expected : 1.0));
        }
        // members as indices into past: a cohort's loop reads two arrays instead of following each launch's
        // objects to its level and launch date (at a million launches, cache misses were most of a snapshot's cost)
        Map<String, Members> members = new HashMap<>();
        List<String> attributes = definitions.attributes();
        double[] levels = new double[past.size()];
        int[] dateOf = new int[past.size()];
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < past.size(); i++) {
            PastLaunch p = past.get(i);
            levels[i] = p.relativeLevel();
            LocalDate launch = p.curve().product().launchDate();
            if (dates.isEmpty() || !dates.get(dates.size() - 1).equals(launch)) {
                dates.add(launch); // past is most recent first: a date's launches are consecutive
            }
            dateOf[i] = dates.size() - 1;
            for (String key : groupKeys[knownIndex[i]]) {
                members.computeIfAbsent(key, k -> new Members()).add(i);
            }
        }
        Map<String, int[]> groups = new HashMap<>(members.size() * 2);
        members.forEach((key, m) -> groups.put(key, m.toArray()));
        List<PastLaunch> frozen = List.copyOf(past);
        return new Knowledge(frozen, mean, count, groups, levels, dateOf, List.copyOf(dates),
                new AttributeIndex(frozen, attributes), new FilledCurves(frozen, mean));
    }

    /** A growing list of ints (the members of a group while a snapshot is built). */
    private static final class Members {
        private int[] indices = new int[8];
        private int size;

        void add(int index) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, size * 2);
            }
            indices[size++] = index;
        }

        int[] toArray() {
            return Arrays.copyOf(indices, size);
        }
    }

    /**
     * What was known at some date, whatever the exact as-of date that shares it.
     *
     * @param past        earlier launches with at least one known period, most recent first
     * @param meanCurve   per period, the mean units of the known cells (NaN where none is known)
     * @param cellCounts  per period, how many launches contributed to {@code meanCurve}
     * @param groups      indices into {@code past} of the launches of each attribute value (and pair of values),
     *                    most recent first
     * @param levels      the relative level of each of {@code past}
     * @param dateOf      the index in {@code launchDates} of each of {@code past}'s launch date
     * @param launchDates the distinct launch dates of {@code past}, most recent first
     * @param attributeIndex which of {@code past} carry each attribute value, for analog searches
     * @param filledCurves   the curves of {@code past} with their unknown periods filled, for analog forecasts
     */
    record Knowledge(List<PastLaunch> past, double[] meanCurve, int[] cellCounts, Map<String, int[]> groups,
                     double[] levels, int[] dateOf, List<LocalDate> launchDates, AttributeIndex attributeIndex,
                     FilledCurves filledCurves) {
    }

    /** History as of one date: what was known then ({@link Knowledge}), and each past launch's age at that date. */
    public static final class Snapshot {

        private final LocalDate asOf;
        private final Knowledge known;
        private final Period period;
        private final double halfLife;

        Snapshot(LocalDate asOf, Knowledge known, Period period, double halfLife) {
            this.asOf = asOf;
            this.known = known;
            this.period = period;
            this.halfLife = halfLife;
        }

        public LocalDate asOf() {
            return asOf;
        }

        /** Earlier launches with at least one known period, most recent first. */
        public List<PastLaunch> past() {
            return known.past();
        }

        /** Per period, the mean units of the known cells (NaN where none is known). */
        public double[] meanCurve() {
            return known.meanCurve();
        }

        /** Per period, how many launches contributed to {@link #meanCurve()}. */
        public int[] cellCounts() {
            return known.cellCounts();
        }

        /** Which of {@link #past()} carry each attribute value, for analog searches. */
        public AttributeIndex attributeIndex() {
            return known.attributeIndex();
        }

        /** The curves of {@link #past()} with their unknown periods filled, for analog forecasts. */
        public FilledCurves filledCurves() {
            return known.filledCurves();
        }

        /** Whole periods from {@code p}'s launch to this snapshot's date (never negative). */
        public double ageInPeriods(PastLaunch p) {
            return age(p.curve().product().launchDate()).age();
        }

        /** One half per recency half-life of age. */
        public double recencyWeight(PastLaunch p) {
            return age(p.curve().product().launchDate()).weight();
        }

        /**
         * The age and weight of launches on one date, kept for the next launch asked about: launches come most
         * recent first, many on the same date, and the date arithmetic and power were most of a cohort's cost.
         * One immutable object behind one reference, so threads sharing a snapshot never see a torn pair.
         */
        private Age age(LocalDate launch) {
            Age last = lastAge;
            if (last == null || !last.launch().equals(launch)) {
                double age = Math.max(period.between(launch, asOf), 0);
                last = new Age(launch, age, Math.pow(0.5, age / halfLife));
                lastAge = last;
            }
            return last;
        }

        private record Age(LocalDate launch, double age, double weight) {
        }

        private Age lastAge;

        /**
         * Earlier launches sharing every given attribute value, most recent first; the key is built by
         * {@link #groupKey}. Groups of single attributes and of attribute pairs are indexed once per state of
         * knowledge, which keeps cohort features linear in the cohort rather than in the whole history.
         */
        public List<PastLaunch> group(String key) {
            int[] indices = known.groups().get(key);
            if (indices == null) {
                return List.of();
            }
            List<PastLaunch> past = known.past();
            return new java.util.AbstractList<>() {
                @Override
                public PastLaunch get(int index) {
                    return past.get(indices[index]);
                }

                @Override
                public int size() {
                    return indices.length;
                }
            };
        }

        /** The indices into {@link #past()} of a group's launches (see {@link #group}), or null for none. */
        int[] groupIndices(String key) {
            return known.groups().get(key);
        }

        /** The relative level of each of {@link #past()}, by index; read only. */
        double[] levels() {
            return known.levels();
        }

        /** The index in {@link #launchDates()} of each of {@link #past()}'s launch date; read only. */
        int[] dateOf() {
            return known.dateOf();
        }

        /** The distinct launch dates of {@link #past()}, most recent first. */
        List<LocalDate> launchDates() {
            return known.launchDates();
        }

        /** Whole periods from {@code launch} to this snapshot's date (never negative), as {@link #ageInPeriods}. */
        double ageInPeriods(LocalDate launch) {
            return age(launch).age();
        }

        /** The recency weight of a launch on {@code launch}, as {@link #recencyWeight}. */
        double recencyWeight(LocalDate launch) {
            return age(launch).weight();
        }

        /** The group key of attribute {@code a} = {@code va} (and {@code b} = {@code vb} when not null). */
        public static String groupKey(String a, String va, String b, String vb) {
            return b == null ? a + '\u0000' + va : a + '\u0000' + va + '\u0001' + b + '\u0000' + vb;
        }

        /** The mean curve as a copy, safe to modify. */
        public double[] meanCurveCopy() {
            return Arrays.copyOf(known.meanCurve(), known.meanCurve().length);
        }
    }
}
