package io.launchcast.features.compute;

import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes {@link LaunchFeatures} of a product as of a date from a {@link LaunchHistory} and a
 * {@link SignalHistory}. Groups, with the names they produce:
 * <ul>
 * <li>attributes: {@code attr.<name>} (categorical), {@code num.<name>} (numeric attributes), {@code price} when
 * known;</li>
 * <li>price against what earlier launches cost (when the product and earlier launches have prices): {@code
 *     global.price_relative} (log price minus the median log price of the known launches) and {@code
 *     cohort.<a>.price_relative} (minus the cohort's {@code cohort.<a>.log_price}, its mean log price shrunk
 *     towards that median): a price means little on its own, but a product dearer than its peers sells fewer;</li>
 * <li>launch calendar: {@code calendar.week_of_year|month|quarter|day_of_week|day_of_year};</li>
 * <li>overall history: {@code global.count}, {@code global.mean.h<h>}, {@code global.level.recent}
 *     (recency-weighted relative level of earlier launches), {@code global.level.last4|last13},
 *     {@code global.first.recent};</li>
 * <li>cohorts of each attribute value (and of each attribute pair): {@code cohort.<a>.count|level|
 *     level_recent|p25|p75|age}, shrunk towards the overall level when small;</li>
 * <li>analogs with equal attribute weights: {@code analog.k<k>.level|similarity};</li>
 * <li>signals of each attribute's term over the window before launch: {@code signal.<a>.level|slope|last|
 *     last4|missing|available}.</li>
 * </ul>
 * Every sales cell and signal period used ended on or before the as-of date.
 */
public final class LaunchFeatureComputer {

    private final LaunchHistory history;
    private final SignalHistory signals;
    private final FeatureDefinitions definitions;
    private final LaunchPlan plan;
    /**
     * Product-independent features per as-of date: serving asks for many products launching on the same few
     * dates, and these loops over the whole history were most of a forecast's feature time.
     */
    private final Map<LocalDate, Global> globals = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Global> eldest) {
            return size() > Math.max(datesKept, history.cachedSnapshots());
        }
    });
    /**
     * As-of dates whose globals are kept: a year of daily launch dates. A Global holds a few dozen numbers and
     * the cohort blocks products asked for on its date; what was known (the heavy part) is shared by every date
     * after the history's last fact ({@link LaunchHistory#asOf}), so planning apps sending arbitrary launch dates
     * pay a date's history loops once, not on every request as with a cache of a few dates.
     */
    static final int GLOBAL_DATES = 366;
    private final int datesKept;
    /**
     * Whether a date's globals keep its launches' relative levels in an array: when few dates are kept (a sync,
     * dates in order), reading an array beats computing a level per read (11 % of a sync's CPU at 100,000 launches
     * with daily dates), and two arrays of a million doubles are affordable; serving keeps a year of dates, and
     * reads levels from the snapshot (docs/adr/0112).
     */
    private final boolean keepLevels;
    /** The most dates for which globals keep levels (see {@link #keepLevels}). */
    static final int LEVELS_KEPT_UP_TO = 8;
    /** Feature names built once: concatenating them per product was a tenth of the feature time. */
    private final String[] attributeNames;
    private final String[] cohortNames;
    private final String[] cohortPriceNames;
    private final String[] relativePriceNames;
    private final String[][] pairNames;
    private final String[] analogLevelNames;
    private final String[] analogSimilarityNames;
    /** Per text attribute: word count, word-level and nearest-by-words feature names. */
    private final String[][] textNames;
    /** The signal features of an attribute whose term has no series. */
    private final Signals[] noSignals;
    /** {@code num.<name>} of each numeric attribute, built once. */
    private final String[] numericAttributeNames;
    /** The definitions' hash, stamped on every product's features: a SHA-256 each time cost a microsecond. */
    private final String definitionsHash;
    /** The most numeric features a product had so far: sizes the next map so that it never grows. */
    private int mostFeatures = 64;

    /** A computer without a launch plan (plan features are skipped even if defined). */
    public LaunchFeatureComputer(LaunchHistory history, SignalHistory signals) {
        this(history, signals, null);
    }

    /** A computer with the launch plan used by {@code plan.*} features when the definitions ask for them. */
    public LaunchFeatureComputer(LaunchHistory history, SignalHistory signals, LaunchPlan plan) {
        this(history, signals, plan, GLOBAL_DATES);
    }

    /**
     * A computer that keeps the product-independent features of {@code datesKept} as-of dates: few for a caller
     * that asks for dates in order (a sync of every product, launch after launch), whose past dates never
     * come back and whose cohorts would otherwise fill the heap (a year of dates times thousands of cohorts).
     */
    public LaunchFeatureComputer(LaunchHistory history, SignalHistory signals, LaunchPlan plan, int datesKept) {
        this.datesKept = datesKept;
        this.keepLevels = datesKept <= LEVELS_KEPT_UP_TO;
        this.history = history;
        this.signals = signals;
        this.definitions = history.definitions();
        this.plan = plan;
        this.definitionsHash = definitions.hash();
        this.numericAttributeNames = definitions.numericAttributes().stream().map(a -> "num." + a)
                .toArray(String[]::new);
        List<String> attributes = definitions.attributes();
        int a = attributes.size();
        attributeNames = new String[a];
        cohortNames = new String[a];
        cohortPriceNames = new String[a];
        relativePriceNames = new String[a];
        pairNames = new String[a][a];
        noSignals = new Signals[a];
        for (int i = 0; i < a; i++) {
            attributeNames[i] = "attr." + attributes.get(i);
            cohortNames[i] = "cohort." + attributes.get(i);
            cohortPriceNames[i] = cohortNames[i] + ".log_price";
            relativePriceNames[i] = cohortNames[i] + ".price_relative";
            for (int j = i + 1; j < a; j++) {
                pairNames[i][j] = "cohort." + attributes.get(i) + "&" + attributes.get(j);
            }
            noSignals[i] = new Signals(Block.of(Map.of("signal." + attributes.get(i) + ".available", 0.0)), null);
        }
        List<Integer> ks = definitions.analogK();
        List<String> text = definitions.textAttributes();
        textNames = new String[text.size()][];
        for (int t = 0; t < text.size(); t++) {
            String prefix = "text." + text.get(t) + ".";
            List<String> names = new ArrayList<>(List.of(prefix + "words", prefix + "words_known", prefix + "word_level",
                    prefix + "word_level_min", prefix + "word_level_max", prefix + "word_launches"));
            for (int k : ks) {
                names.add(prefix + "nearest.k" + k + ".level");
                names.add(prefix + "nearest.k" + k + ".similarity");
            }
            textNames[t] = names.toArray(String[]::new);
        }
        analogLevelNames = new String[ks.size()];
        analogSimilarityNames = new String[ks.size()];
        for (int i = 0; i < ks.size(); i++) {
            analogLevelNames[i] = "analog.k" + ks.get(i) + ".level";
            analogSimilarityNames[i] = "analog.k" + ks.get(i) + ".similarity";
        }
    }

    /** The definitions the features follow. */
    public FeatureDefinitions definitions() {
        return definitions;
    }

    /** Features of {@code product} as known on {@code asOf} (usually its launch date). */
    public LaunchFeatures compute(Product product, LocalDate asOf) {
        List<String> attributes = definitions.attributes();
        LaunchHistory.Snapshot snapshot = history.asOf(asOf);
        Global global = global(snapshot);
        Map<String, String> categorical = new LaunchFeatures.Built<>(attributes.size());
        Map<String, Double> numeric = new LaunchFeatures.Built<>(mostFeatures);
        for (int i = 0; i < attributes.size(); i++) {
            String v = product.attribute(attributes.get(i));
            if (v != null) {
                categorical.put(attributeNames[i], v);
            }
        }
        if (product.price() != null) {
            numeric.put("price", product.price());
        }
        for (int i = 0; i < numericAttributeNames.length; i++) {
            Double value = numericValue(product.attribute(definitions.numericAttributes().get(i)));
            if (value != null) {
                numeric.put(numericAttributeNames[i], value);
            }
        }
        global.calendars().computeIfAbsent(product.launchDate(), LaunchFeatureComputer::calendar).putInto(numeric);
        if (definitions.launchPlan() && plan != null) {
            plan.addFeatures(product, numeric);
        }
        LocalDate latestSales = history(product, snapshot, global, numeric);
        relativePrice(product, snapshot, numeric);
        LocalDate latestSignal = signals(product, asOf, global, numeric);
        if (numeric.size() > mostFeatures) {
            // a racy hint, harmless (any size is correct); written only when it grows, so that threads that
            // compute in parallel do not keep taking this line of memory from each other
            mostFeatures = numeric.size();
        }
        return new LaunchFeatures(product.id(), asOf, categorical, numeric, latestSales, latestSignal,
                definitionsHash);
    }

    /**
     * Features that many products share (a snapshot's globals, a cohort's, a term's signal window, a launch
     * date's calendar) in their order, boxed once, so that a product copies them from two arrays.
     */
    private record Block(String[] names, Double[] values) {

        static Block of(Map<String, Double> features) {
            return new Block(features.keySet().toArray(String[]::new), features.values().toArray(Double[]::new));
        }

        void putInto(Map<String, Double> numeric) {
            for (int i = 0; i < names.length; i++) {
                numeric.put(names[i], values[i]);
            }
        }
    }

    private static Block calendar(LocalDate launch) {
        Map<String, Double> numeric = new LinkedHashMap<>();
        numeric.put("calendar.week_of_year", (double) launch.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        numeric.put("calendar.month", (double) launch.getMonthValue());
        numeric.put("calendar.quarter", (double) ((launch.getMonthValue() - 1) / 3 + 1));
        numeric.put("calendar.day_of_week", (double) launch.getDayOfWeek().getValue());
        numeric.put("calendar.day_of_year", (double) launch.getDayOfYear());
        return Block.of(numeric);
    }

    private LocalDate history(Product product, LaunchHistory.Snapshot snapshot, Global global,
                              Map<String, Double> numeric) {
        global.numeric().putInto(numeric);
        if (snapshot.size() == 0) {
            return null;
        }
        List<String> attributes = definitions.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            String a = attributes.get(i);
            String v = product.attribute(a);
            if (v != null) {
                String name = cohortNames[i];
                global.cohorts().get(i).computeIfAbsent(v, k -> cohort(global, name, snapshot,
                        LaunchHistory.Snapshot.groupKey(a, v, null, null))).putInto(numeric);
            }
        }
        int paired = definitions.pairedAttributes();
        for (int i = 0; i < paired; i++) {
            for (int j = i + 1; j < paired; j++) {
                String a = attributes.get(i);
                String b = attributes.get(j);
                String va = product.attribute(a);
                String vb = product.attribute(b);
                if (va != null && vb != null) {
                    String name = pairNames[i][j];
                    global.pairCohorts().get(i * attributes.size() + j).computeIfAbsent(new Values(va, vb),
                            k -> cohort(global, name, snapshot, LaunchHistory.Snapshot.groupKey(a, va, b, vb)))
                            .putInto(numeric);
                }
            }
        }
        analogs(product, snapshot, global, numeric);
        text(product, snapshot, global, numeric);
        return global.latest();
    }

    private void relativePrice(Product product, LaunchHistory.Snapshot snapshot, Map<String, Double> numeric) {
        if (product.price() == null || product.price() <= 0 || snapshot.size() == 0) {
            return;
        }
        double median = snapshot.medianLogPrice();
        if (Double.isNaN(median)) {
            return;
        }
        double logPrice = Math.log(product.price());
        numeric.put("global.price_relative", logPrice - median);
        for (int i = 0; i < cohortPriceNames.length; i++) {
            Double cohort = numeric.get(cohortPriceNames[i]);
            if (cohort != null) {
                numeric.put(relativePriceNames[i], logPrice - cohort);
            }
        }
    }

    /**
     * Per free-text attribute: how many words the product's text has and how many of them past launches used;
     * the shrunk level of the past launches with each word (mean, min, max over the words) and how many share
     * a word; and the level and similarity of the past launches whose word sets are most similar (Jaccard).
     */
    private void text(Product product, LaunchHistory.Snapshot snapshot, Global global, Map<String, Double> numeric) {
        List<String> attributes = definitions.textAttributes();
        double prior = definitions.shrinkage();
        for (int t = 0; t < attributes.size(); t++) {
            List<String> words = TextIndex.words(product.attribute(attributes.get(t)));
            String[] names = textNames[t];
            numeric.put(names[0], (double) words.size());
            if (words.isEmpty()) {
                continue;
            }
            String attribute = attributes.get(t);
            TextIndex index = snapshot.textIndex(attribute);
            int known = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Map<String, Double> levelsByWord = global.wordLevels().get(t);
            for (String w : words) {
                int[] with = index.launchesWith(w);
                if (with.length == 0) {
                    continue;
                }
                known++;
                // a common word's postings are a large share of the catalogue: summed once per snapshot, not per
                // product (the same sum in the same order, so the same double)
                double levels = levelsByWord.computeIfAbsent(w, word -> {
                    double summed = 0;
                    for (int i : with) {
                        summed += level(global.levels(), snapshot, i);
                    }
                    return summed;
                });
                // shrunk toward the average launch (level 1), like a cohort: a word seen twice claims little
                double level = (levels + prior) / (with.length + prior);
                sum += level;
                min = Math.min(min, level);
                max = Math.max(max, level);
            }
            List<Integer> ks = definitions.analogK();
            TextIndex.Nearest nearest = index.nearest(words, ks.stream().mapToInt(Integer::intValue).max().orElse(0));
            numeric.put(names[1], (double) known);
            numeric.put(names[5], (double) nearest.sharing());
            if (known > 0) {
                numeric.put(names[2], sum / known);
                numeric.put(names[3], min);
                numeric.put(names[4], max);
            }
            for (int ki = 0; ki < ks.size(); ki++) {
                int taken = Math.min(ks.get(ki), nearest.launches().length);
                if (taken == 0) {
                    continue;
                }
                double level = 0;
                double similarity = 0;
                for (int r = 0; r < taken; r++) {
                    level += level(global.levels(), snapshot, nearest.launches()[r]);
                    similarity += nearest.similarities()[r];
                }
                numeric.put(names[6 + 2 * ki], level / taken);
                numeric.put(names[7 + 2 * ki], similarity / taken);
            }
        }
    }

    private record Values(String a, String b) {
    }

    /**
     * The features of a snapshot that do not depend on the product, the end of its latest known period and,
     * filled as products ask, the features of each cohort (per attribute, by value; per attribute pair, by
     * values), of each term's signal window (per attribute, by term) and of each launch date's calendar.
     */
    private record Global(Block numeric, double recentLevel, LocalDate latest, List<Map<String, Block>> cohorts,
                          List<Map<Values, Block>> pairCohorts, List<Map<String, Signals>> signals,
                          Map<LocalDate, Block> calendars,
                          java.util.concurrent.atomic.AtomicReference<double[][]> dateTables, double[] levels,
                          List<Map<String, Double>> wordLevels) {

        /**
         * @param levels the relative level of each past launch, or null to read them from the snapshot
         * @param textAttributes how many free-text attributes there are: per one, by word, the summed level of the
         *        past launches with the word, filled as products ask ({@link #text})
         */
        Global(Block numeric, double recentLevel, LocalDate latest, int attributes, int textAttributes,
               java.util.concurrent.atomic.AtomicReference<double[][]> dateTables, double[] levels) {
            this(numeric, recentLevel, latest, concurrentMaps(attributes), concurrentMaps(attributes * attributes),
                    concurrentMaps(attributes), new ConcurrentHashMap<>(), dateTables, levels,
                    concurrentMaps(textAttributes));
        }

        /**
         * Per distinct launch date of the snapshot's past ({@link LaunchHistory.Snapshot#launchDates}), its
         * recency weight at this date: a few thousand numbers, computed once per date instead of per launch and
         * cohort. Racing threads compute equal arrays.
         */
        double[] weights(LaunchHistory.Snapshot snapshot) {
            return tables(snapshot)[0];
        }

        /** Like {@link #weights}, each launch date's age in periods at this date. */
        double[] ages(LaunchHistory.Snapshot snapshot) {
            return tables(snapshot)[1];
        }

        private double[][] tables(LaunchHistory.Snapshot snapshot) {
            double[][] tables = dateTables.get();
            if (tables == null) {
                tables = dateTables(snapshot);
                dateTables.set(tables);
            }
            return tables;
        }

        /** Per distinct launch date of the snapshot's past, its recency weight [0] and age in periods [1]. */
        static double[][] dateTables(LaunchHistory.Snapshot snapshot) {
            List<LocalDate> dates = snapshot.launchDates();
            double[][] tables = new double[2][dates.size()];
            for (int d = 0; d < dates.size(); d++) {
                tables[0][d] = snapshot.recencyWeight(dates.get(d));
                tables[1][d] = snapshot.ageInPeriods(dates.get(d));
            }
            return tables;
        }

        private static <K, V> List<Map<K, V>> concurrentMaps(int n) {
            List<Map<K, V>> maps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                maps.add(new ConcurrentHashMap<>());
            }
            return List.copyOf(maps);
        }
    }

    private Global global(LaunchHistory.Snapshot snapshot) {
        Global cached = globals.get(snapshot.asOf());
        if (cached == null) {
            cached = computeGlobal(snapshot);
            globals.put(snapshot.asOf(), cached);
        }
        return cached;
    }

    /**
     * Reads the snapshot's arrays (levels, known periods, launch dates) rather than its list of past launches: a
     * sync computes this for every launch date, and building and walking a million launch objects per date cost
     * more than the sums. The sums run over the launches in the same order as ever, so they are the same doubles.
     */
    private Global computeGlobal(LaunchHistory.Snapshot snapshot) {
        double[][] dateTables = Global.dateTables(snapshot);
        double[] weightOfDate = dateTables[0];
        double[] ageOfDate = dateTables[1];
        Map<String, Double> numeric = new LinkedHashMap<>();
        int size = snapshot.size();
        int[] dateOf = snapshot.dateOf();
        double[] levels = keepLevels ? snapshot.levels() : null;
        numeric.put("global.count", (double) size);
        double[] mean = snapshot.meanCurve();
        for (int h = 0; h < mean.length; h++) {
            if (!Double.isNaN(mean[h])) {
                numeric.put("global.mean.h" + h, mean[h]);
            }
        }
        if (size > 0) {
            numeric.put("global.level.recent", weightedLevel(weightOfDate, dateOf, levels, snapshot));
            putIfFinite(numeric, "global.level.last4", meanLevelWithin(ageOfDate, dateOf, levels, snapshot, 4));
            putIfFinite(numeric, "global.level.last13", meanLevelWithin(ageOfDate, dateOf, levels, snapshot, 13));
            double firstSum = 0;
            double firstWeight = 0;
            for (int j = 0; j < size; j++) {
                double w = weightOfDate[dateOf[j]];
                firstSum += w * snapshot.firstPeriodUnits(j);
                firstWeight += w;
            }
            numeric.put("global.first.recent", firstSum / firstWeight);
            seasonal(snapshot, levels, ageOfDate, numeric);
        }
        double recentLevel = size == 0 ? Double.NaN : numeric.get("global.level.recent");
        return new Global(Block.of(numeric), recentLevel, snapshot.latestKnownPeriodEnd(),
                definitions.attributes().size(), definitions.textAttributes().size(),
                new java.util.concurrent.atomic.AtomicReference<>(dateTables), levels);
    }

    /**
     * Level of the launches around the same date one year earlier ({@code global.level.lastyear}, whole
     * curves known) and the year-over-year ratio of the launches of the last 13 periods against those of the
     * same 13 periods a year earlier, each compared on the cells known at its own as-of date
     * ({@code global.yoy}); their product is {@code global.level.seasonal}. Launch volumes follow the
     * season and drift from year to year; this is what lets a model follow both.
     */
    private void seasonal(LaunchHistory.Snapshot snapshot, double[] levels, double[] ageOfDate,
                          Map<String, Double> numeric) {
        LocalDate asOf = snapshot.asOf();
        LocalDate yearBefore = asOf.minusYears(1);
        long year = definitions.period().between(yearBefore, asOf);
        int window = 13;
        int around = Math.max(1, (int) Math.round(year / 13.0));
        double[] mean = snapshot.meanCurve();
        double lastYearSum = 0;
        int lastYearCount = 0;
        double recentUnits = 0;
        double recentExpected = 0;
        int recentCount = 0;
        double oldUnits = 0;
        double oldExpected = 0;
        int oldCount = 0;
        int[] dateOf = snapshot.dateOf();
        for (int j = 0, size = snapshot.size(); j < size; j++) {
            double age = ageOfDate[dateOf[j]];
            if (Math.abs(age - year) <= around) {
                lastYearSum += level(levels, snapshot, j);
                lastYearCount++;
            }
            if (age < window) {
                double[] units = snapshot.curve(j).units();
                for (int h = 0, m = snapshot.knownPeriods(j); h < m; h++) {
                    recentUnits += units[h];
                    recentExpected += mean[h];
                }
                recentCount++;
            } else if (age >= year && age < year + window) {
                LaunchCurve curve = snapshot.curve(j);
                int m = Math.min(snapshot.knownPeriods(j), curve.knownPeriods(yearBefore, definitions.knowledge()));
                for (int h = 0; h < m; h++) {
                    oldUnits += curve.units()[h];
                    oldExpected += mean[h];
                }
                if (m > 0) {
                    oldCount++;
                }
            }
        }
        double lastYear = Double.NaN;
        if (lastYearCount >= 10) {
            lastYear = lastYearSum / lastYearCount;
            numeric.put("global.level.lastyear", lastYear);
        }
        if (recentCount >= 10 && oldCount >= 10 && recentExpected > 0 && oldExpected > 0 && oldUnits > 0) {
            double yoy = (recentUnits / recentExpected) / (oldUnits / oldExpected);
            numeric.put("global.yoy", yoy);
            if (!Double.isNaN(lastYear)) {
                numeric.put("global.level.seasonal", lastYear * yoy);
            }
        }
    }

    /** A cohort's features depend only on the snapshot and the group: computed once per snapshot and group. */
    private Block cohort(Global global, String name, LaunchHistory.Snapshot snapshot, String groupKey) {
        Map<String, Double> features = new LinkedHashMap<>();
        int[] members = snapshot.groupIndices(groupKey);
        cohort(name, global.weights(snapshot), global.ages(snapshot), global.levels(), snapshot,
                members == null ? new int[0] : members, global.recentLevel(), features);
        return Block.of(features);
    }

    private void cohort(String name, double[] weightOfDate, double[] ageOfDate, double[] pastLevels,
            LaunchHistory.Snapshot snapshot, int[] members, double recentLevel, Map<String, Double> numeric) {
        double prior = definitions.shrinkage();
        int[] dateOf = snapshot.dateOf();
        double[] levels = new double[members.length];
        double sum = 0;
        double wSum = 0;
        double wLevel = 0;
        double youngest = Double.NaN;
        double medianLogPrice = snapshot.medianLogPrice();
        boolean pricesKnown = !Double.isNaN(medianLogPrice);
        double logPrices = 0;
        int priced = 0;
        for (int i = 0; i < levels.length; i++) {
            int p = members[i];
            if (pricesKnown) {
                double lp = snapshot.logPrice(p);
                if (!Double.isNaN(lp)) {
                    logPrices += lp;
                    priced++;
                }
            }
            double level = level(pastLevels, snapshot, p);
            levels[i] = level;
            sum += level;
            double w = weightOfDate[dateOf[p]];
            wSum += w;
            wLevel += w * level;
            if (Double.isNaN(youngest)) {
                youngest = ageOfDate[dateOf[p]]; // members are most recent first
            }
        }
        int n = levels.length;
        numeric.put(name + ".count", (double) n);
        if (!Double.isNaN(medianLogPrice)) {
            // a cohort's price level, shrunk towards the median like its sales level: two launches claim little
            numeric.put(name + ".log_price", (logPrices + prior * medianLogPrice) / (priced + prior));
        }
        // shrinkage keeps a cohort of two launches from claiming an extreme level
        numeric.put(name + ".level", (sum + prior) / (n + prior));
        numeric.put(name + ".level_recent", (wLevel + recentLevel) / (wSum + 1.0));
        if (n >= 5) {
            double[] quartiles = Quantiles.ofUnsorted(levels, 0.25, 0.75);
            numeric.put(name + ".p25", quartiles[0]);
            numeric.put(name + ".p75", quartiles[1]);
        }
        if (n > 0) {
            numeric.put(name + ".age", youngest);
        }
    }

    private void analogs(Product product, LaunchHistory.Snapshot snapshot, Global global,
                         Map<String, Double> numeric) {
        List<String> attributes = definitions.attributes();
        int a = attributes.size();
        if (a == 0) {
            return;
        }
        AttributeIndex index = snapshot.attributeIndex();
        int most = 0;
        for (int k : definitions.analogK()) {
            most = Math.max(most, k);
        }
        // equal weights make similarity the number of matches: most matches first, most recent first within
        int[] nearest = new int[Math.min(most, index.size())];
        int[] matches = new int[nearest.length];
        int found = index.collectByMatchCount(index.matching(product, attributes), nearest, matches);
        List<Integer> ks = definitions.analogK();
        for (int ki = 0; ki < ks.size(); ki++) {
            int k = ks.get(ki);
            double level = 0;
            double similarity = 0;
            int taken = Math.min(k, found);
            for (int i = 0; i < taken; i++) {
                level += level(global.levels(), snapshot, nearest[i]);
                similarity += (double) matches[i] / a;
            }
            if (taken > 0) {
                numeric.put(analogLevelNames[ki], level / taken);
                numeric.put(analogSimilarityNames[ki], similarity / taken);
            }
        }
    }

    /** A term's signal features over the window before an as-of date, and the end of the latest period read. */
    private record Signals(Block block, LocalDate latest) {
    }

    private LocalDate signals(Product product, LocalDate asOf, Global global, Map<String, Double> numeric) {
        LocalDate latest = null;
        List<String> attributes = definitions.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            int attribute = i;
            String term = product.attribute(attributes.get(i));
            Signals found = term == null ? noSignals[i]
                    : global.signals().get(i).computeIfAbsent(term, t -> signals(attribute, t, asOf));
            found.block().putInto(numeric);
            if (found.latest() != null && (latest == null || found.latest().isAfter(latest))) {
                latest = found.latest();
            }
        }
        return latest;
    }

    private Signals signals(int attribute, String term, LocalDate asOf) {
        NavigableMap<LocalDate, Double> series = signals.series(term);
        if (series == null) {
            return noSignals[attribute];
        }
        Map<String, Double> numeric = new LinkedHashMap<>();
        LocalDate latest = null;
        int window = definitions.signalWindow();
        LocalDate from = definitions.period().plus(asOf, -window);
        String name = "signal." + definitions.attributes().get(attribute);
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<LocalDate, Double> e : series.subMap(from, true, asOf, false).entrySet()) {
            LocalDate end = definitions.period().plus(e.getKey(), 1);
            if (end.isAfter(asOf)) {
                continue; // the period containing the as-of date had not ended: not known yet
            }
            if (latest == null || end.isAfter(latest)) {
                latest = end;
            }
            if (e.getValue() != null) {
                points.add(new double[] {definitions.period().between(asOf, e.getKey()), e.getValue()});
            }
        }
        numeric.put(name + ".available", points.isEmpty() ? 0.0 : 1.0);
        numeric.put(name + ".missing", (double) (window - points.size()));
        if (points.isEmpty()) {
            return new Signals(Block.of(numeric), latest);
        }
        double sx = 0;
        double sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / points.size();
        double my = sy / points.size();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        numeric.put(name + ".level", my);
        if (sxx > 0) {
            numeric.put(name + ".slope", sxy / sxx);
        }
        numeric.put(name + ".last", points.get(points.size() - 1)[1]);
        int tail = Math.min(4, points.size());
        double last4 = 0;
        for (int i = points.size() - tail; i < points.size(); i++) {
            last4 += points.get(i)[1];
        }
        numeric.put(name + ".last4", last4 / tail);
        double yearAgo = 0;
        int yearAgoCount = 0;
        LocalDate yearBefore = asOf.minusYears(1);
        for (Double v : series.subMap(definitions.period().plus(yearBefore, -4), true, yearBefore, false)
                .values()) {
            if (v != null) {
                yearAgo += v;
                yearAgoCount++;
            }
        }
        if (yearAgoCount > 0 && yearAgo > 0) {
            numeric.put(name + ".yoy", (last4 / tail) / (yearAgo / yearAgoCount));
        }
        return new Signals(Block.of(numeric), latest);
    }

    /** Past launch j's relative level: from the date's kept array when there is one (the same double). */
    private static double level(double[] kept, LaunchHistory.Snapshot snapshot, int j) {
        return kept != null ? kept[j] : snapshot.level(j);
    }

    private static double weightedLevel(double[] weightOfDate, int[] dateOf, double[] levels,
                                        LaunchHistory.Snapshot snapshot) {
        double s = 0;
        double w = 0;
        for (int j = 0, size = snapshot.size(); j < size; j++) {
            double wi = weightOfDate[dateOf[j]];
            s += wi * level(levels, snapshot, j);
            w += wi;
        }
        return w > 0 ? s / w : 1.0;
    }

    private static double meanLevelWithin(double[] ageOfDate, int[] dateOf, double[] levels,
            LaunchHistory.Snapshot snapshot, int periods) {
        double s = 0;
        int n = 0;
        for (int j = 0, size = snapshot.size(); j < size; j++) {
            if (ageOfDate[dateOf[j]] < periods) {
                s += level(levels, snapshot, j);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static void putIfFinite(Map<String, Double> numeric, String name, double value) {
        if (Double.isFinite(value)) {
            numeric.put(name, value);
        }
    }

    /**
     * A numeric attribute's value, or null when it is missing or not a finite number (a model sees it missing); the
     * monitoring baseline reads the values the same way.
     */
    public static Double numericValue(String value) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
