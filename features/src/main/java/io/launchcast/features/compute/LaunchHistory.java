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
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The launch curves of a dataset and, for any as-of date, the snapshot of what was known then: earlier
 * launches whose sales may serve as history, each cut to the periods that had ended, and the mean curve of
 * those known cells. Which products may serve as history is the caller's choice (e.g. only the fit split).
 */
public final class LaunchHistory {

    /**
     * Sets of known launches kept per history (see {@link KnownSet}): up to 32, which covers the launch dates of a
     * season of new products, but no more than about 64 MB of them. A set costs about 200 bytes per launch once
     * its group, attribute and text indexes are built (1 MB for VISUELLE's 5,577); a retailer's history of
     * 500,000 launches keeps 2. What is the date's own (see {@link Knowledge}) costs a few bytes per launch still
     * selling at that date, so many more dates are kept: {@link #MAX_DATES}, within {@link #DATE_BYTES}.
     */
    static int cachedSnapshots(int launches) {
        return Math.max(2, Math.min(32, 320_000 / Math.max(1, launches)));
    }

    /** States of knowledge kept by date: a year of daily launch dates, as the feature computer keeps globals. */
    static final int MAX_DATES = 366;
    /** What the dates kept may hold of their own (their launches' known periods), besides the sets they share. */
    static final long DATE_BYTES = 32L << 20;

    private final int cachedSnapshots;

    private final FeatureDefinitions definitions;
    private final Map<String, LaunchCurve> curves;
    /** History launches, most recent first, ties by product id so that every order is reproducible. */
    private final List<LaunchCurve> history;
    /** States of knowledge by date, least recently used first; see {@link #keep}. Guarded by itself. */
    private final LinkedHashMap<LocalDate, Knowledge> cache = new LinkedHashMap<>(16, 0.75f, true);
    /**
     * One build at a time: threads forecasting at a new date (the batch's workers) wait for the first one's
     * knowledge instead of each building its own next to it.
     */
    private final Object building = new Object();
    /** How many states of knowledge were built, for tests. */
    private final java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * The last date at which what is known still changes: the latest history launch, or the end of the latest
     * observed period. Every later as-of date knows the same launches and periods.
     */
    private final LocalDate lastFact;
    /**
     * What every state of knowledge reads of a history launch, per launch in {@link #history}'s order, in flat
     * arrays built once: a snapshot is built for every distinct launch date of a sync (a thousand over three years
     * of daily launches), and following each launch's objects (curve, product, attribute map, period ends) and
     * hashing its attribute values per date was most of a sync's time at a million launches.
     */
    private final Launches launches;

    private LaunchHistory(FeatureDefinitions definitions, Map<String, LaunchCurve> curves,
                          List<LaunchCurve> history) {
        this.definitions = definitions;
        this.curves = curves;
        this.history = history;
        this.cachedSnapshots = cachedSnapshots(history.size());
        this.launches = new Launches(definitions, history);
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

    /**
     * The first as-of date that knows some launch's sales (null when none ever does): every earlier date knows no
     * launch at all, so nothing learned from the history applies to a product launching then.
     */
    public LocalDate firstKnowledge() {
        Launches l = launches;
        boolean givenCurves = definitions.knowledge() != FeatureDefinitions.Knowledge.PERIOD_ENDED;
        long first = Long.MAX_VALUE;
        for (int c = 0; c < l.launchDay.length; c++) {
            if (l.leading[c] == 0) {
                continue; // no period observed: never known
            }
            // known from the day after its launch once its first period ended (or with its given curve)
            long day = givenCurves ? l.launchDay[c] + 1L : Math.max(l.launchDay[c] + 1L, l.periodEnds[c][0]);
            first = Math.min(first, day);
        }
        return first == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(first);
    }

    /** How many sets of known launches the cached dates may hold (see {@link #cachedSnapshots(int)}). */
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
     * date does; only ages and recency weights are the date's own. Dates that know the same launches (every
     * date within a period of the last launch, whatever their known periods) share one {@link KnownSet}.
     */
    public Snapshot asOf(LocalDate asOf) {
        LocalDate key = asOf.isAfter(lastFact) ? lastFact.plusDays(1) : asOf;
        Knowledge known;
        synchronized (cache) {
            known = cache.get(key);
        }
        if (known == null) {
            synchronized (building) {
                synchronized (cache) {
                    known = cache.get(key);
                }
                if (known == null) {
                    known = build(key, true);
                    synchronized (cache) {
                        cache.put(key, known);
                        keep();
                    }
                }
            }
        }
        return new Snapshot(asOf, known, definitions.period(), definitions.recencyHalfLife());
    }

    /**
     * Drops the least recently used dates until at most {@link #MAX_DATES} remain, their own arrays fit in
     * {@link #DATE_BYTES} and they share at most {@link #cachedSnapshots()} sets of known launches; the date just
     * added always stays.
     */
    private void keep() {
        while (cache.size() > 1) {
            long bytes = 0;
            java.util.Set<KnownSet> sets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Knowledge k : cache.values()) {
                bytes += k.ownBytes();
                sets.add(k.set);
            }
            if (cache.size() <= MAX_DATES && bytes <= DATE_BYTES && sets.size() <= cachedSnapshots) {
                return;
            }
            var eldest = cache.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** What {@link #asOf} would answer if it built what was known at exactly {@code asOf}, sharing nothing. */
    Snapshot builtAt(LocalDate asOf) {
        return new Snapshot(asOf, build(asOf, false), definitions.period(), definitions.recencyHalfLife());
    }

    /** How many states of knowledge this history has built (cached or not). */
    int builds() {
        return builds.get();
    }

    /** The distinct sets of known launches the cached dates hold. */
    int cachedKnownSets() {
        synchronized (cache) {
            return (int) cache.values().stream().map(k -> k.set).distinct().count();
        }
    }

    private Knowledge build(LocalDate asOf, boolean share) {
        builds.incrementAndGet();
        Launches l = launches;
        int horizon = definitions.horizon();
        long day = asOf.toEpochDay();
        boolean givenCurves = definitions.knowledge() != FeatureDefinitions.Knowledge.PERIOD_ENDED;
        int size = history.size();
        int[] known = new int[size];
        int[] periods = new int[size];
        double[] sum = new double[horizon];
        int[] count = new int[horizon];
        int latest = Integer.MIN_VALUE;
        int n = 0;
        int head = 0;
        for (int c = 0; c < size; c++) {
            int m = l.knownPeriods(c, day, givenCurves);
            if (m == 0) {
                continue;
            }
            if (m != l.leading[c]) {
                head = n + 1;
            }
            known[n] = c;
            periods[n++] = m;
            latest = Math.max(latest, l.periodEnds[c][m - 1]);
            double[] units = l.units[c];
            // whole units: every sum is exact, so any order of launches gives the same double
            for (int h = 0; h < m; h++) {
                sum[h] += units[h];
                count[h]++;
            }
        }
        double[] mean = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            mean[h] = count[h] == 0 ? Double.NaN : sum[h] / count[h];
        }
        // what a launch with m known periods is expected to sell: the mean curve summed over its first m periods,
        // in period order as for each launch before
        double[] expectedOf = new double[horizon + 1];
        for (int m = 1; m <= horizon; m++) {
            expectedOf[m] = expectedOf[m - 1] + mean[m - 1];
        }
        KnownSet set = share ? sharedSet(known, n) : null;
        if (set == null) {
            set = knownSet(Arrays.copyOf(known, n));
        }
        // launches whose known periods are still growing at this date are the most recent ones: only theirs are
        // the date's own, every later launch knows its leading periods
        return new Knowledge(this, set, Arrays.copyOf(periods, head), expectedOf, mean, count,
                n == 0 ? null : LocalDate.ofEpochDay(latest));
    }

    /** The set of a cached date that knows exactly the first {@code n} of {@code known}, or null. */
    private KnownSet sharedSet(int[] known, int n) {
        List<KnownSet> candidates = new ArrayList<>();
        synchronized (cache) {
            for (Knowledge k : cache.values()) {
                if (k.set.known.length == n && !candidates.contains(k.set)) {
                    candidates.add(k.set);
                }
            }
        }
        for (KnownSet candidate : candidates) {
            if (Arrays.equals(candidate.known, 0, n, known, 0, n)) {
                return candidate;
            }
        }
        return null;
    }

    private KnownSet knownSet(int[] known) {
        int n = known.length;
        int[] dateOf = new int[n];
        List<LocalDate> dates = new ArrayList<>();
        int lastDay = Integer.MIN_VALUE;
        for (int j = 0; j < n; j++) {
            int c = known[j];
            if (launches.launchDay[c] != lastDay) {
                lastDay = launches.launchDay[c];
                dates.add(history.get(c).product().launchDate()); // most recent first: a date's launches are consecutive
            }
            dateOf[j] = dates.size() - 1;
        }
        return new KnownSet(known, dateOf, List.copyOf(dates), launches.groupsOf(known));
    }

    /**
     * Columns of the history launches (index: position in {@link #history}) that every state of knowledge reads,
     * and the group and attribute-value codes that let a snapshot group its launches by counting instead of by
     * hashing strings.
     */
    private static final class Launches {

        final int[] launchDay;
        /** Leading periods with a known cell: what any date at or after {@link #complete} knows. */
        final int[] leading;
        /** The end of the last leading period (as epoch day): from then on a launch's known periods stay. */
        final int[] complete;
        /** Epoch days of the period ends; launches with the same first period share one array. */
        final int[][] periodEnds;
        final double[][] units;
        /** The first cell of each curve, read for every launch and date by the recency-weighted first period. */
        final double[] firstUnits;
        /** The units of the leading periods, summed in period order. */
        final double[] leadingTotal;
        /** Per launch, {@code slots} group ids (-1: no group in that slot: a missing value). */
        final int[] groupIds;
        final int slots;
        final Map<String, Integer> groupIdOf;
        /** Per categorical attribute, per launch, the code of its value (-1: none), and the values by code. */
        final int[][] valueCodes;
        final List<Map<String, Integer>> codeOf;
        final Map<String, Words> words = new java.util.concurrent.ConcurrentHashMap<>();
        /** Per launch, the log of its price (NaN: none, or not positive); null when no launch has a price. */
        final double[] logPrices;
        private final List<LaunchCurve> history;

        Launches(FeatureDefinitions definitions, List<LaunchCurve> history) {
            this.history = history;
            int size = history.size();
            launchDay = new int[size];
            leading = new int[size];
            complete = new int[size];
            periodEnds = new int[size][];
            units = new double[size][];
            leadingTotal = new double[size];
            firstUnits = new double[size];
            double[] logs = new double[size];
            boolean anyPrice = false;
            for (int c = 0; c < size; c++) {
                Double price = history.get(c).product().price();
                logs[c] = price != null && price > 0 ? Math.log(price) : Double.NaN;
                anyPrice |= !Double.isNaN(logs[c]);
            }
            logPrices = anyPrice ? logs : null;
            Map<LocalDate[], int[]> endDays = new java.util.IdentityHashMap<>();
            for (int c = 0; c < size; c++) {
                LaunchCurve curve = history.get(c);
                launchDay[c] = Math.toIntExact(curve.product().launchDate().toEpochDay());
                periodEnds[c] = endDays.computeIfAbsent(curve.periodEnds(),
                        ends -> Arrays.stream(ends).mapToInt(e -> Math.toIntExact(e.toEpochDay())).toArray());
                units[c] = curve.units();
                firstUnits[c] = curve.units()[0];
                int m = 0;
                double total = 0;
                while (m < curve.units().length && !Double.isNaN(curve.units()[m])) {
                    total += curve.units()[m++];
                }
                leading[c] = m;
                leadingTotal[c] = total;
                complete[c] = m == 0 ? Integer.MIN_VALUE : periodEnds[c][m - 1];
            }
            List<String> attributes = definitions.attributes();
            int a = attributes.size();
            int paired = definitions.pairedAttributes();
            slots = a + paired * (paired - 1) / 2;
            groupIds = new int[size * slots];
            groupIdOf = new HashMap<>();
            valueCodes = new int[a][size];
            List<Map<String, Integer>> codes = new ArrayList<>();
            for (int i = 0; i < a; i++) {
                codes.add(new HashMap<>());
            }
            codeOf = List.copyOf(codes);
            for (int c = 0; c < size; c++) {
                Product product = history.get(c).product();
                int slot = c * slots;
                for (int i = 0; i < a; i++) {
                    String va = product.attribute(attributes.get(i));
                    Map<String, Integer> code = codes.get(i);
                    valueCodes[i][c] = va == null ? -1 : code.computeIfAbsent(va, v -> code.size());
                    groupIds[slot++] = va == null ? -1 : groupId(Snapshot.groupKey(attributes.get(i), va, null, null));
                    if (i < paired) {
                        for (int j = i + 1; j < paired; j++) {
                            String vb = product.attribute(attributes.get(j));
                            groupIds[slot++] = va == null || vb == null ? -1
                                    : groupId(Snapshot.groupKey(attributes.get(i), va, attributes.get(j), vb));
                        }
                    }
                }
            }
        }

        private int groupId(String key) {
            return groupIdOf.computeIfAbsent(key, k -> groupIdOf.size());
        }

        /** Leading periods of launch {@code c} known on {@code day}; none for a launch on or after it. */
        int knownPeriods(int c, long day, boolean givenCurves) {
            if (launchDay[c] >= day) {
                return 0;
            }
            if (givenCurves || complete[c] <= day) {
                return leading[c];
            }
            int[] ends = periodEnds[c];
            int m = 0;
            while (m < leading[c] && ends[m] <= day) {
                m++;
            }
            return m;
        }

        /** The units of launch {@code c}'s first {@code m} periods, summed in period order. */
        double actual(int c, int m) {
            if (m == leading[c]) {
                return leadingTotal[c];
            }
            double actual = 0;
            for (int h = 0; h < m; h++) {
                actual += units[c][h];
            }
            return actual;
        }

        /**
         * The members of every group among {@code known} (history positions, in snapshot order), as positions in
         * {@code known}: by counting, one array for all groups.
         */
        Groups groupsOf(int[] known) {
            int[] start = new int[groupIdOf.size() + 1];
            for (int c : known) {
                for (int s = c * slots, end = s + slots; s < end; s++) {
                    if (groupIds[s] >= 0) {
                        start[groupIds[s] + 1]++;
                    }
                }
            }
            for (int g = 0; g < start.length - 1; g++) {
                start[g + 1] += start[g];
            }
            int[] members = new int[start[start.length - 1]];
            int[] next = Arrays.copyOf(start, start.length - 1);
            for (int j = 0; j < known.length; j++) {
                for (int s = known[j] * slots, end = s + slots; s < end; s++) {
                    if (groupIds[s] >= 0) {
                        members[next[groupIds[s]]++] = j;
                    }
                }
            }
            return new Groups(groupIdOf, start, members);
        }

        /** The word ids of a free-text attribute of every launch, built on first use. */
        Words words(String attribute) {
            return words.computeIfAbsent(attribute, a -> Words.of(history, a));
        }
    }

    /** The distinct words of one free-text attribute of every history launch, as ids. */
    record Words(Map<String, Integer> idOf, String[] word, int[][] ofLaunch) {

        static Words of(List<LaunchCurve> history, String attribute) {
            Map<String, Integer> idOf = new HashMap<>();
            List<String> word = new ArrayList<>();
            int[][] ofLaunch = new int[history.size()][];
            Map<String, int[]> byText = new HashMap<>();
            for (int c = 0; c < ofLaunch.length; c++) {
                String text = history.get(c).product().attribute(attribute);
                ofLaunch[c] = text == null ? new int[0] : byText.computeIfAbsent(text, t -> {
                    List<String> words = TextIndex.words(t);
                    int[] ids = new int[words.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = idOf.computeIfAbsent(words.get(i), w -> {
                            word.add(w);
                            return word.size() - 1;
                        });
                    }
                    return ids;
                });
            }
            return new Words(idOf, word.toArray(String[]::new), ofLaunch);
        }
    }

    /** Members of each group: positions {@code members[start[g]] .. members[start[g + 1] - 1]}, most recent first. */
    record Groups(Map<String, Integer> idOf, int[] start, int[] members) {

        /** The members of the group with {@code key}, or null when it has none. */
        int[] of(String key) {
            Integer g = idOf.get(key);
            if (g == null || g >= start.length - 1 || start[g] == start[g + 1]) {
                return null;
            }
            return Arrays.copyOfRange(members, start[g], start[g + 1]);
        }
    }

    /**
     * The launches some dates know, whatever their known periods and levels at each: positions in the history,
     * most recent first, their launch dates, their groups by attribute value, and, built on first use, the
     * attribute and text indexes. At a million launches this is the heavy part of what was known (about 40 MB);
     * the dates that know the same launches (a batch's launch dates a few weeks apart) share one.
     */
    static final class KnownSet {

        /** The history position of each past launch. */
        final int[] known;
        /** The index in {@link #launchDates} of each past launch's launch date. */
        final int[] dateOf;
        /** The distinct launch dates of the past launches, most recent first. */
        final List<LocalDate> launchDates;
        /** The past launches of each attribute value (and pair of values), most recent first. */
        final Groups groups;
        private volatile AttributeIndex attributeIndex;
        private final Map<String, TextIndex> texts = new java.util.concurrent.ConcurrentHashMap<>();
        /** The median log price of the priced past launches (NaN: none), computed when first asked. */
        private volatile Double medianLogPrice;

        KnownSet(int[] known, int[] dateOf, List<LocalDate> launchDates, Groups groups) {
            this.known = known;
            this.dateOf = dateOf;
            this.launchDates = launchDates;
            this.groups = groups;
        }
    }

    /**
     * What was known at some date, whatever the exact as-of date that shares it: the earlier launches with at
     * least one known period ({@link KnownSet}, shared with the dates that know the same launches), the known
     * periods of those whose periods were still ending then (the most recent ones; every other knows its leading
     * periods), and the mean curve. A launch's relative level is computed when read, from its units and the mean
     * curve, with the same operations as when levels were kept in an array: a date costs a few bytes per launch
     * still selling, not 200 per launch in the history. The list of {@link PastLaunch} is a view and the filled
     * curves are computed per cell, for the same reason.
     */
    static final class Knowledge {

        private final LaunchHistory history;
        final KnownSet set;
        /** The history position of each past launch ({@link KnownSet#known}). */
        final int[] known;
        /** The known periods of the first {@code head.length} past launches; the others know their leading ones. */
        private final int[] head;
        /** The mean curve summed over the first m periods, by m: what a launch with m known periods should sell. */
        private final double[] expectedOf;
        /** Per period, the mean units of the known cells (NaN where none is known). */
        final double[] meanCurve;
        /** Per period, how many launches contributed to {@link #meanCurve}. */
        final int[] cellCounts;
        /** The end of the latest known period of any past launch (null when there is none). */
        final LocalDate latest;
        private final List<PastLaunch> past;
        private final FilledCurves filledCurves;

        Knowledge(LaunchHistory history, KnownSet set, int[] head, double[] expectedOf, double[] meanCurve,
                  int[] cellCounts, LocalDate latest) {
            this.history = history;
            this.set = set;
            this.known = set.known;
            this.head = head;
            this.expectedOf = expectedOf;
            this.meanCurve = meanCurve;
            this.cellCounts = cellCounts;
            this.latest = latest;
            this.past = new PastView();
            this.filledCurves = new FilledCurves(this, meanCurve);
        }

        /** What this date holds besides its set of known launches. */
        long ownBytes() {
            return 4L * head.length + 16L * expectedOf.length + 64;
        }

        /** The known periods of past launch {@code j}. */
        int periods(int j) {
            return j < head.length ? head[j] : history.launches.leading[known[j]];
        }

        /** The relative level of past launch {@code j}: its units over what the mean curve expects of them. */
        double level(int j) {
            int c = known[j];
            int m = periods(j);
            double actual = history.launches.actual(c, m);
            double expected = expectedOf[m];
            // a relative level lets launches with 2 known periods and launches with 12 be compared and pooled
            return expected > 0 ? actual / expected : 1.0;
        }

        LaunchCurve curve(int j) {
            return history.history.get(known[j]);
        }

        /** The past launches as {@link PastLaunch} values, made when read. */
        private final class PastView extends java.util.AbstractList<PastLaunch> implements java.util.RandomAccess {

            @Override
            public PastLaunch get(int j) {
                return new PastLaunch(curve(Objects.checkIndex(j, known.length)), periods(j), level(j));
            }

            @Override
            public int size() {
                return known.length;
            }
        }

        List<PastLaunch> past() {
            return past;
        }

        /** Built once per set of known launches: which launches carry which values does not change with the date. */
        AttributeIndex attributeIndex() {
            AttributeIndex index = set.attributeIndex;
            if (index == null) {
                synchronized (set) {
                    index = set.attributeIndex;
                    if (index == null) {
                        Launches l = history.launches;
                        List<String> attributes = history.definitions.attributes();
                        int[][] columns = new int[attributes.size()][known.length];
                        for (int i = 0; i < columns.length; i++) {
                            for (int j = 0; j < known.length; j++) {
                                columns[i][j] = l.valueCodes[i][known[j]];
                            }
                        }
                        index = new AttributeIndex(this::past, known.length, attributes, columns, l.codeOf);
                        set.attributeIndex = index;
                    }
                }
            }
            return index;
        }

        FilledCurves filledCurves() {
            return filledCurves;
        }

        /** The log price of past launch {@code j}, or NaN when it has none (or a price that is not positive). */
        double logPrice(int j) {
            double[] logPrices = history.launches.logPrices;
            return logPrices == null ? Double.NaN : logPrices[known[j]];
        }

        /** Computed once per set of known launches: their prices do not change with the date. */
        double medianLogPrice() {
            Double median = set.medianLogPrice;
            if (median == null) {
                median = history.launches.logPrices == null ? Double.NaN : medianOfKnownLogPrices();
                set.medianLogPrice = median;
            }
            return median;
        }

        private double medianOfKnownLogPrices() {
            double[] logs = new double[known.length];
            int n = 0;
            for (int j = 0; j < known.length; j++) {
                double lp = logPrice(j);
                if (!Double.isNaN(lp)) {
                    logs[n++] = lp;
                }
            }
            return n == 0 ? Double.NaN : Quantiles.ofUnsorted(Arrays.copyOf(logs, n), 0.5)[0];
        }

        TextIndex textIndex(String attribute) {
            return set.texts.computeIfAbsent(attribute, a -> TextIndex.of(history.launches.words(a), known));
        }
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
            return known.meanCurve;
        }

        /** Per period, how many launches contributed to {@link #meanCurve()}. */
        public int[] cellCounts() {
            return known.cellCounts;
        }

        /** The log price of past launch {@code j} ({@link #past()}'s order), or NaN when it has none. */
        public double logPrice(int j) {
            return known.logPrice(j);
        }

        /** The median log price of the priced past launches, or NaN when none has a price. */
        public double medianLogPrice() {
            return known.medianLogPrice();
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
            int[] indices = known.set.groups.of(key);
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
            return known.set.groups.of(key);
        }

        /** How many launches {@link #past()} has, without building it. */
        int size() {
            return known.known.length;
        }

        /** The known periods of {@code past().get(j)}, without building it. */
        int knownPeriods(int j) {
            return known.periods(j);
        }

        /** The curve of {@code past().get(j)}, without building {@link #past()}. */
        LaunchCurve curve(int j) {
            return known.curve(j);
        }

        /** The units of the first period of {@code past().get(j)}, without building {@link #past()}. */
        double firstPeriodUnits(int j) {
            return known.history.launches.firstUnits[known.known[j]];
        }

        /** The end of the latest known period of any of {@link #past()} (null when there is none). */
        LocalDate latestKnownPeriodEnd() {
            return known.latest;
        }

        /** The words of {@code attribute} of {@link #past()}, indexed (built once per state of knowledge). */
        TextIndex textIndex(String attribute) {
            return known.textIndex(attribute);
        }

        /** The relative level of {@code past().get(j)}, without building it. */
        double level(int j) {
            return known.level(j);
        }

        /** The relative level of each of {@link #past()} in a new array, for a caller that reads them all often. */
        double[] levels() {
            double[] levels = new double[size()];
            for (int j = 0; j < levels.length; j++) {
                levels[j] = known.level(j);
            }
            return levels;
        }

        /** The index in {@link #launchDates()} of each of {@link #past()}'s launch date; read only. */
        int[] dateOf() {
            return known.set.dateOf;
        }

        /** The distinct launch dates of {@link #past()}, most recent first. */
        List<LocalDate> launchDates() {
            return known.set.launchDates;
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
            return Arrays.copyOf(known.meanCurve, known.meanCurve.length);
        }
    }
}
