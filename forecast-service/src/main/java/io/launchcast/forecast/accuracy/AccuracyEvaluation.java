package io.launchcast.forecast.accuracy;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchCurve;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.LaunchPlan;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.evaluation.MetricsCalculator;
import io.launchcast.forecast.model.AttributeKnnModel;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.MeanCurveModel;
import io.launchcast.forecast.model.ModelSettings;
import io.launchcast.forecast.model.ProductForecast;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The two evaluation protocols. <b>Split</b>: fit on the configured fit launches, score the test launches
 * (a split column, or a launch-date cutoff). <b>Backtest</b>: rolling origins by launch date, where each
 * origin's models see only launches whose whole horizon had ended before the origin, and every product's
 * features are computed as of its own launch. Neither protocol selects anything on what it scores.
 */
public final class AccuracyEvaluation {

    /** One model's row of the accuracy table. */
    /**
     * @param wapeFirstHalf pooled WAPE over the first half of the horizon (VISUELLE's papers score 6 of 12 weeks)
     */
    public record Row(String model, Metrics metrics, double wapeFirstHalf, Duration trainingTime, boolean baseline) {
    }

    /** A protocol's table, what the trainer learned, and the per-cohort metrics of the ensemble. */
    public record Report(String protocol, String description, List<Row> rows, List<Map<String, Object>> learned,
                         Map<String, Metrics> ensembleByCohort, Duration featureTime) {
    }

    private final AccuracyConfig config;
    private final CuratedVersion dataset;
    private final FeatureDefinitions definitions;
    /**
     * The most fit and test launches {@link #split()} and each {@link #backtest()} origin train and score on (and
     * {@link #smallData} scores on); above, reproducible samples.
     */
    private final int maxFitLaunches;
    private final int maxTestLaunches;

    public AccuracyEvaluation(AccuracyConfig config, CuratedDataset dataset) {
        this(config, dataset.asVersion());
    }

    /**
     * An evaluation whose configured split trains on at most {@code maxFitLaunches} fit launches and scores at
     * most {@code maxTestLaunches} test launches, time-stratified samples above them ({@link LaunchSample}), as the
     * training pipeline does with its {@code launchcast.training.max-*-launches}.
     */
    public AccuracyEvaluation(AccuracyConfig config, CuratedDataset dataset, int maxFitLaunches,
                              int maxTestLaunches) {
        this(config, dataset.asVersion(), maxFitLaunches, maxTestLaunches);
    }

    /**
     * An evaluation of a version whose sales stay on disk: every history it builds reads them once as a stream,
     * so no sales row is held (a million products have twelve million of them).
     */
    public AccuracyEvaluation(AccuracyConfig config, CuratedVersion dataset) {
        this(config, dataset, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** The same bounds on a version whose sales stay on disk. */
    public AccuracyEvaluation(AccuracyConfig config, CuratedVersion dataset, int maxFitLaunches,
                              int maxTestLaunches) {
        if (maxFitLaunches < 1 || maxTestLaunches < 1) {
            throw new IllegalArgumentException("the most fit and test launches must be at least 1, not "
                    + maxFitLaunches + " and " + maxTestLaunches);
        }
        config = config.resolvedFor(dataset.manifest());
        requireNamesOf(dataset, config);
        this.config = config;
        this.dataset = dataset;
        this.maxFitLaunches = maxFitLaunches;
        this.maxTestLaunches = maxTestLaunches;
        this.definitions = FeatureDefinitions.forDataset(dataset.manifest(), config.model().horizon())
                .withAttributes(config.model().attributes()).withLaunchPlan(config.launchPlan())
                .withSignalFamily(config.signalFamily() != null ? config.signalFamily()
                        : dataset.signals().stream().map(s -> s.signal()).sorted().findFirst().orElse("trend"));
    }

    /**
     * Every attribute and signal family the configuration names is one the dataset has: a misspelt one would give
     * every launch the same missing value (a cohort curve equal to the global one, an analog weight on nothing, no
     * signal feature) without a word.
     */
    private static void requireNamesOf(CuratedVersion dataset, AccuracyConfig config) {
        DatasetManifest manifest = dataset.manifest();
        if (config.signalFamily() != null
                && dataset.signals().stream().noneMatch(s -> config.signalFamily().equals(s.signal()))) {
            throw new IllegalArgumentException("features.signalFamily: dataset " + manifest.dataset()
                    + " has no signal " + config.signalFamily() + " (its signals: "
                    + dataset.signals().stream().map(s -> s.signal()).distinct().sorted().toList() + ")");
        }
        Map<String, List<String>> named = new LinkedHashMap<>();
        named.put("attributes", config.model().attributes());
        named.put("baselines.knnAttributes", config.baselineAttributes());
        named.put("baselines.cohortAttribute",
                config.cohortAttribute() == null ? List.of() : List.of(config.cohortAttribute()));
        named.forEach((key, names) -> manifest.nonCategoricalAttribute(key, names).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        }));
    }

    /** The configuration this evaluation follows. */
    public AccuracyConfig config() {
        return config;
    }

    /** The feature definitions every protocol uses. */
    public FeatureDefinitions definitions() {
        return definitions;
    }

    /**
     * The launches of the configured split with their point-in-time features: what training sees (fit) and what
     * it is scored on (test), and the history both draw on. The pipeline trains and evaluates on exactly this.
     *
     * @param fitSample  how many of the split's fit launches {@code fit} holds (all, unless sampled)
     * @param testSample how many of the split's test launches {@code test} holds (all, unless sampled)
     */
    public record SplitData(LaunchHistory history, List<LaunchExample> fit, List<LaunchExample> test,
                            String description, Duration featureTime, LaunchSample fitSample,
                            LaunchSample testSample) {
    }

    /**
     * Who is fit and who is test in the configured split, before any feature is read: what a caller needs to
     * fetch the features of just these launches.
     */
    public record SplitLaunches(LaunchHistory history, List<LaunchCurve> fit, List<LaunchCurve> test,
                                String description, LaunchSample fitSample, LaunchSample testSample,
                                Duration historyTime) {

        /** The product ids of the fit and test launches. */
        public Set<String> productIds() {
            return productIdsOf(List.of(fit, test));
        }
    }

    /** The definitions the split's features are computed with (what is known at launch follows the split). */
    public FeatureDefinitions splitDefinitions() {
        return definitions.withKnowledge(FeatureDefinitions.Knowledge.valueOf(config.splitKnowledge()));
    }

    /** Builds the split's launches and features (deterministic for a dataset version and configuration). */
    public SplitData splitData() {
        SampledSplit split = sampledSplit(maxFitLaunches, maxTestLaunches, EVERY_LAUNCH_KNOWN, true);
        return splitData(split.launches(), split.whole());
    }

    /**
     * The launches' features, computed as of each launch date against {@code featureHistory}: the whole history,
     * as the feature store computes them, or only the launches a small-data run lets its retailer know.
     */
    private SplitData splitData(SplitLaunches launches, LaunchHistory featureHistory) {
        long t0 = System.nanoTime();
        Map<String, LaunchFeatures> computed = new java.util.HashMap<>();
        LaunchFeatureComputer computer = computer(featureHistory);
        for (List<LaunchCurve> set : List.of(launches.fit(), launches.test())) {
            for (LaunchCurve c : set) {
                Product p = c.product();
                computed.computeIfAbsent(p.id(), id -> computer.compute(p, p.launchDate()));
            }
        }
        return splitData(launches, computed, Duration.ofNanos(System.nanoTime() - t0), false);
    }

    /**
     * The split's launches: fit launches and test launches in history order, each set cut to a reproducible,
     * time-stratified sample when it holds more than its maximum ({@link LaunchSample}, seeded with the model
     * seed).
     */
    public SplitLaunches splitLaunches(int maxFit, int maxTest) {
        return sampledSplit(maxFit, maxTest, EVERY_LAUNCH_KNOWN, false).launches();
    }

    private static final String EVERY_LAUNCH_KNOWN = ", features computed on every launch, models drawing on the "
            + "sampled launches";
    private static final String SAMPLE_ALONE_KNOWN = ", models and features drawing on the sampled launches";

    /**
     * A split's launches, and the whole history its features are computed against. Above the maxima the models
     * draw on the sampled launches only (what was known at each date is rebuilt per date from their history, and
     * from a million launches those snapshots alone outgrow the heap), while each sampled launch's features are
     * computed against every launch, as the feature store computes those the pipeline trains on.
     *
     * @param whole the history of every launch; null unless asked for
     */
    private record SampledSplit(SplitLaunches launches, LaunchHistory whole) {
    }

    /** @param keepWhole whether the history of every launch is wanted too (features computed against it) */
    private SampledSplit sampledSplit(int maxFit, int maxTest, String sampledDescription, boolean keepWhole) {
        AccuracyConfig.Split split = config.split();
        Predicate<Product> historyFilter;
        Predicate<LaunchCurve> isFit;
        Predicate<LaunchCurve> isTest;
        String description;
        if (split.column() != null) {
            historyFilter = p -> split.fitValue().equals(p.split());
            isFit = c -> split.fitValue().equals(c.product().split()) && c.complete();
            isTest = c -> split.testValue().equals(c.product().split()) && c.complete();
            description = "fit: split=" + split.fitValue() + ", test: split=" + split.testValue();
        } else {
            LocalDate cutoff = Objects.requireNonNull(split.cutoff(), "split needs a column or a cutoff");
            historyFilter = p -> true;
            isFit = c -> c.complete() && !c.periodEnds()[c.periodEnds().length - 1].isAfter(cutoff);
            isTest = c -> c.complete() && !c.product().launchDate().isBefore(cutoff);
            description = "fit: horizon ended by " + cutoff + ", test: launched on or after " + cutoff;
        }
        long t0 = System.nanoTime();
        FeatureDefinitions splitDefinitions = splitDefinitions();
        description += ", known at launch: " + splitDefinitions.knowledge();
        LaunchHistory history = LaunchHistory.of(dataset.products(), dataset.sales(), splitDefinitions, historyFilter);
        List<LaunchCurve> curves = history.curves();
        List<LaunchCurve> fit = launches(curves, isFit);
        if (fit.isEmpty()) {
            throw new IllegalArgumentException(nothingToFit(split, curves));
        }
        List<LaunchCurve> test = launches(curves, isTest);
        long seed = config.model().seed();
        List<LaunchCurve> fitTaken = LaunchSample.take(fit, maxFit, seed);
        List<LaunchCurve> testTaken = LaunchSample.take(test, maxTest, seed);
        LaunchSample fitSample = LaunchSample.of(fit.size(), maxFit);
        LaunchSample testSample = LaunchSample.of(test.size(), maxTest);
        LaunchHistory whole = keepWhole ? history : null;
        if (fitSample.sampled() || testSample.sampled()) {
            Set<String> sampled = productIdsOf(List.of(fitTaken, testTaken));
            // unless asked for, the history of every launch goes before the sample's is built: at a million launches
            // each is about what a serving model holds, and a retraining builds them beside one (ADR 0175)
            history = null;
            curves = null;
            fit = null;
            test = null;
            LaunchHistory ofSample = historyOf(sampled, splitDefinitions, historyFilter);
            fitTaken = curvesOf(ofSample, fitTaken);
            testTaken = curvesOf(ofSample, testTaken);
            history = ofSample;
            description += sampledDescription;
        }
        return new SampledSplit(new SplitLaunches(history, fitTaken, testTaken, description, fitSample, testSample,
                Duration.ofNanos(System.nanoTime() - t0)), whole);
    }

    /**
     * The history of the launches in {@code ids} alone, usable as history where {@code usable} says so: only their
     * curves are built, as the models draw on nothing else (at a million products the curves of the rest are about
     * what a serving model holds, and a retraining builds them beside one: ADR 0193).
     */
    private LaunchHistory historyOf(Set<String> ids, FeatureDefinitions definitions, Predicate<Product> usable) {
        List<Product> products = dataset.products().stream().filter(p -> ids.contains(p.id())).toList();
        return LaunchHistory.of(products, dataset.sales(), definitions, usable);
    }

    /** Why the split leaves no launch to fit on, in terms of what the data holds. */
    private String nothingToFit(AccuracyConfig.Split split, List<LaunchCurve> curves) {
        if (split.column() != null) {
            return "split: no launch with a complete horizon has split " + split.fitValue() + " to fit on (the "
                    + "products' split values: " + dataset.products().stream().map(Product::split)
                    .filter(Objects::nonNull).distinct().sorted().toList() + ")";
        }
        return "split.cutoff " + split.cutoff() + ": no launch's " + config.model().horizon() + " periods ended by it, "
                + "so there is nothing to fit on" + curves.stream().map(c -> c.product().launchDate())
                .min(Comparator.naturalOrder()).map(first -> " (the first launch is on " + first + ")").orElse("");
    }

    /**
     * The split's launches with features someone else computed under {@link #splitDefinitions()} (the feature
     * store's training set), by product id.
     *
     * @throws IllegalArgumentException if a fit or test launch has no given features
     */
    public SplitData splitData(SplitLaunches launches, Map<String, LaunchFeatures> given) {
        return splitData(launches, given, Duration.ZERO, true);
    }

    private SplitData splitData(SplitLaunches launches, Map<String, LaunchFeatures> features, Duration computeTime,
                                boolean given) {
        Duration featureTime = launches.historyTime().plus(computeTime);
        System.getLogger(AccuracyEvaluation.class.getName()).log(System.Logger.Level.INFO,
                "features of " + features.size() + " launches in " + featureTime
                        + (given ? " (given by the feature store)" : ""));
        List<LaunchExample> fit = examples(launches.fit(), features);
        List<LaunchExample> test = examples(launches.test(), features);
        if (given) {
            List<String> missing = concat(fit, test).stream().filter(e -> e.features() == null)
                    .map(e -> e.product().id()).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the given features lack " + missing.size() + " of the split's "
                        + (fit.size() + test.size()) + " launches (e.g. " + missing.get(0) + ")");
            }
        }
        return new SplitData(launches.history(), fit, test, launches.description(), featureTime,
                launches.fitSample(), launches.testSample());
    }

    /** Protocol (a): the configured split. */
    public Report split() {
        SplitData data = splitData();
        if (data.test().isEmpty()) {
            return nothingToScore("split", data, data.description() + " (" + data.fit().size() + " fit, ");
        }
        Run run = run(data.fit(), data.test(), data.history());
        String sample = data.fitSample().sampled() || data.testSample().sampled()
                ? "; trained on " + data.fitSample().describe("fit") + ", scored on " + data.testSample().describe("test")
                : "";
        return new Report("split", data.description() + " (" + data.fit().size() + " fit, " + data.test().size()
                + " test launches" + sample + ")", rows(run.scored, run.times, run.baselines), List.of(run.learned),
                cohorts(run.scored.get("ensemble")), data.featureTime());
    }

    /**
     * Protocol (c), small data: the configured split as a retailer with only {@code launches} fit launches would
     * see it. A seeded, time-stratified sample ({@link LaunchSample}) of the fit launches is all the models and
     * their features draw on; the other fit launches are left out of the history too. The test launches are the
     * split's (at most the split's most, a sample above). The global mean curve of all fit launches is scored on
     * the same test launches, for comparison.
     */
    public Report smallData(int launches) {
        SplitLaunches sampled = sampledSplit(launches, maxTestLaunches, SAMPLE_ALONE_KNOWN, false).launches();
        SplitData data = splitData(sampled, sampled.history());
        if (data.test().isEmpty()) {
            return nothingToScore("small data", data, data.description() + " (");
        }
        Run run = run(data.fit(), data.test(), data.history());
        List<LaunchCurve> allFit = splitLaunches(Integer.MAX_VALUE, Integer.MAX_VALUE).fit();
        double allFitMeanCurveWape = meanCurveWape(allFit, data.test());
        run.learned.put("allFitLaunches", allFit.size());
        run.learned.put("allFitLaunches.meanCurve.wape", allFitMeanCurveWape);
        return new Report("small data", String.format(java.util.Locale.ROOT, "%s; trained on %d of the %d fit "
                        + "launches (%s); the global mean curve of all %d fit launches scores WAPE %.2f",
                data.description(), data.fit().size(), allFit.size(), data.testSample().sampled()
                        ? data.testSample().describe("test") : data.test().size() + " test launches", allFit.size(),
                allFitMeanCurveWape), rows(run.scored, run.times, run.baselines), List.of(run.learned),
                cohorts(run.scored.get("ensemble")), data.featureTime());
    }

    /**
     * A split with no test launch (a later cutoff than the data can score, or a test value no product has):
     * said, not trained for and printed as a table of NaN.
     */
    private Report nothingToScore(String protocol, SplitData data, String descriptionStart) {
        AccuracyConfig.Split split = config.split();
        String why = split.column() != null
                ? "no launch with a complete horizon has split " + split.testValue() + " (the products' split values: "
                        + dataset.products().stream().map(Product::split).filter(Objects::nonNull).distinct().sorted()
                        .toList() + "): nothing to score"
                : "no launch on or after " + split.cutoff() + " has its whole horizon in the data: nothing to score";
        return new Report(protocol, descriptionStart + "0 test launches: " + why + ")", List.of(),
                List.of(Map.of("skipped", why)), Map.of(), data.featureTime());
    }

    /** WAPE (percent) on {@code test} of the plain average curve of {@code fit}. */
    private static double meanCurveWape(List<LaunchCurve> fit, List<LaunchExample> test) {
        int horizon = test.get(0).actual().length;
        double[] mean = new double[horizon];
        for (LaunchCurve c : fit) {
            for (int h = 0; h < horizon; h++) {
                mean[h] += c.units()[h] / fit.size();
            }
        }
        double error = 0;
        double total = 0;
        for (LaunchExample e : test) {
            for (int h = 0; h < horizon; h++) {
                error += Math.abs(e.actual()[h] - mean[h]);
                total += e.actual()[h];
            }
        }
        return 100 * error / total;
    }

    /** The baselines every report compares against, fitted the same way as in the tables. */
    public List<ForecastTrainer.Baseline> baselines() {
        int horizon = config.model().horizon();
        String cohort = config.cohortAttribute();
        List<ForecastTrainer.Baseline> baselines = new ArrayList<>();
        baselines.add(new ForecastTrainer.Baseline("mean-curve", f -> MeanCurveModel.global(f, horizon)));
        baselines.add(new ForecastTrainer.Baseline("median-curve", f -> MeanCurveModel.median(f, horizon)));
        if (cohort != null) {
            baselines.add(new ForecastTrainer.Baseline(cohort + "-mean-curve",
                    f -> MeanCurveModel.byAttribute(f, horizon, cohort)));
        }
        if (!config.baselineAttributes().isEmpty()) {
            baselines.add(new ForecastTrainer.Baseline("attribute-knn",
                    f -> new AttributeKnnModel(f, config.baselineAttributes(), config.baselineK(), horizon)));
        }
        return List.copyOf(baselines);
    }

    /**
     * Protocol (b): rolling-origin backtest by launch date. Each origin trains on at most the split's most fit
     * launches and scores at most its most test launches, time-stratified samples above them; a sampled
     * backtest's features are computed on every launch and its models draw on the sampled launches only, as a
     * sampled split's do.
     */
    public Report backtest() {
        AccuracyConfig.Backtest bt = config.backtest();
        long t0 = System.nanoTime();
        LaunchHistory history = LaunchHistory.of(dataset.products(), dataset.sales(), definitions, p -> true);
        LocalDate lastComplete = history.curves().stream().filter(LaunchCurve::complete)
                .map(c -> c.product().launchDate()).max(Comparator.naturalOrder()).orElseThrow();
        LocalDate end = lastComplete.plusDays(1);
        List<Origin> origins = new ArrayList<>();
        boolean sampled = false;
        for (int i = bt.origins(); i >= 1; i--) {
            LocalDate origin = definitions.period().plus(end, (long) -i * bt.step());
            LocalDate until = definitions.period().plus(origin, bt.step());
            List<LaunchCurve> fit = launches(history.curves(), c -> c.complete()
                    && !c.periodEnds()[c.periodEnds().length - 1].isAfter(origin));
            List<LaunchCurve> test = launches(history.curves(), c -> c.complete()
                    && !c.product().launchDate().isBefore(origin) && c.product().launchDate().isBefore(until));
            Origin o = new Origin(origin, LaunchSample.take(fit, maxFitLaunches, config.model().seed()),
                    LaunchSample.take(test, maxTestLaunches, config.model().seed()), fit.size(), test.size());
            sampled |= o.fit().size() < fit.size() || o.test().size() < test.size();
            origins.add(o);
        }
        Set<String> used = productIdsOf(origins.stream().flatMap(o -> java.util.stream.Stream.of(o.fit(), o.test()))
                .toList());
        // as in a sampled split: features against every launch, models drawing on the sampled launches only
        Map<String, LaunchExample> examples = examples(history, used);
        if (sampled) {
            history = null; // the whole history goes before the sample's is built (ADR 0175)
            history = historyOf(used, definitions, p -> true);
        }
        Duration featureTime = Duration.ofNanos(System.nanoTime() - t0);
        Map<String, List<MetricsCalculator.Scored>> scored = new LinkedHashMap<>();
        Map<String, Duration> times = new LinkedHashMap<>();
        List<Map<String, Object>> learned = new ArrayList<>();
        Set<String> baselineNames = new java.util.LinkedHashSet<>();
        int tested = 0;
        for (Origin o : origins) {
            List<LaunchExample> fit = o.fit().stream().map(c -> examples.get(c.product().id())).toList();
            List<LaunchExample> test = o.test().stream().map(c -> examples.get(c.product().id())).toList();
            if (test.isEmpty() || fit.size() < 50) {
                continue;
            }
            Run run = run(fit, test, history);
            if (Integer.valueOf(0).equals(run.learned.get("validation.launches"))) {
                // an early origin whose launches all share a launch date: only the fallback was trained, so its
                // launches would score some rows and not others
                learned.add(Map.of("origin", o.origin().toString(), "fit", fit.size(), "test", test.size(),
                        "skipped", String.valueOf(run.learned.get("selection.reason"))));
                continue;
            }
            run.learned.put("origin", o.origin().toString());
            run.learned.put("fit", fit.size());
            run.learned.put("test", test.size());
            if (sampled) {
                run.learned.put("fitLaunches", o.fitLaunches());
                run.learned.put("testLaunches", o.testLaunches());
            }
            learned.add(run.learned);
            tested += test.size();
            run.scored.forEach((k, v) -> scored.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            run.times.forEach((k, v) -> times.merge(k, v, Duration::plus));
            baselineNames.addAll(run.baselines);
        }
        String sample = sampled ? " (each origin trained on at most " + maxFitLaunches + " and scored on at most "
                + maxTestLaunches + " launches, time-stratified samples, features computed on every launch, "
                + "models drawing on the sampled launches)" : "";
        return new Report("backtest", bt.origins() + " origins " + bt.step() + " " + definitions.period()
                .name().toLowerCase() + "s apart, " + tested + " launches scored" + sample,
                rows(scored, times, baselineNames), learned, cohorts(scored.get("ensemble")), featureTime);
    }

    /**
     * A backtest origin: the launches it trains and scores on (samples, where there were more than the most),
     * and how many there were.
     */
    private record Origin(LocalDate origin, List<LaunchCurve> fit, List<LaunchCurve> test, int fitLaunches,
                          int testLaunches) {
    }

    /** One training and its scored test launches; {@code baselines} names the baseline models among them. */
    private record Run(Map<String, List<MetricsCalculator.Scored>> scored, Map<String, Duration> times,
                       Map<String, Object> learned, Set<String> baselines) {
    }

    private Run run(List<LaunchExample> fit, List<LaunchExample> test, LaunchHistory history) {
        ModelSettings settings = config.model();
        String cohort = config.cohortAttribute();
        List<ForecastTrainer.Baseline> baselines = baselines();
        ForecastTrainer.Result result = new ForecastTrainer(settings).train(fit, history, baselines);
        Map<String, List<MetricsCalculator.Scored>> scored = new LinkedHashMap<>();
        Map<String, Duration> times = new LinkedHashMap<>();
        // the trainer's models come baselines first
        Set<String> baselineNames = result.models().subList(0, baselines.size()).stream().map(CalibratedModel::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
        for (CalibratedModel model : result.models()) {
            List<MetricsCalculator.Scored> rows = new ArrayList<>();
            for (LaunchExample e : test) {
                ProductForecast f = model.forecast(e, false);
                rows.add(new MetricsCalculator.Scored(f, e.actual(),
                        cohort == null ? null : e.product().attribute(cohort)));
            }
            scored.put(model.name(), rows);
            times.put(model.name(), model.trainingTime());
        }
        return new Run(scored, times, new LinkedHashMap<>(result.learned()), baselineNames);
    }

    private LaunchFeatureComputer computer(LaunchHistory history) {
        return new LaunchFeatureComputer(history, SignalHistory.of(dataset.signals(), definitions.signalFamily()),
                new LaunchPlan(dataset.products(), definitions));
    }

    /** The examples of the launches in {@code ids}, each with its features as of its launch date. */
    private Map<String, LaunchExample> examples(LaunchHistory history, Set<String> ids) {
        LaunchFeatureComputer computer = computer(history);
        Map<String, LaunchExample> out = new java.util.HashMap<>();
        for (String id : ids) {
            LaunchCurve c = history.curve(id);
            Product p = c.product();
            out.put(p.id(), new LaunchExample(p, computer.compute(p, p.launchDate()), c.complete() ? c.units()
                    : null));
        }
        return out;
    }

    /** The product ids of the launches in every one of {@code sets}. */
    private static Set<String> productIdsOf(List<List<LaunchCurve>> sets) {
        Set<String> ids = new java.util.HashSet<>();
        sets.forEach(set -> set.forEach(c -> ids.add(c.product().id())));
        return ids;
    }

    /** The curves of {@code launches}' products in {@code history}. */
    private static List<LaunchCurve> curvesOf(LaunchHistory history, List<LaunchCurve> launches) {
        return launches.stream().map(c -> history.curve(c.product().id())).toList();
    }

    /** The launches with their features by product id (null where there are none). */
    private static List<LaunchExample> examples(List<LaunchCurve> launches, Map<String, LaunchFeatures> features) {
        List<LaunchExample> out = new ArrayList<>(launches.size());
        for (LaunchCurve c : launches) {
            out.add(new LaunchExample(c.product(), features.get(c.product().id()), c.complete() ? c.units() : null));
        }
        return out;
    }

    /** The curves {@code filter} accepts among those that launched (a left-censored product is no launch). */
    private static List<LaunchCurve> launches(List<LaunchCurve> curves, Predicate<LaunchCurve> filter) {
        List<LaunchCurve> out = new ArrayList<>();
        for (LaunchCurve c : curves) {
            if (!c.product().leftCensored() && filter.test(c)) { // neither learned from nor scored
                out.add(c);
            }
        }
        return out;
    }

    private static List<LaunchExample> concat(List<LaunchExample> a, List<LaunchExample> b) {
        List<LaunchExample> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<Row> rows(Map<String, List<MetricsCalculator.Scored>> scored, Map<String, Duration> times,
                           Set<String> baselines) {
        List<Row> rows = new ArrayList<>();
        scored.forEach((name, s) -> rows.add(new Row(name, MetricsCalculator.compute(s),
                MetricsCalculator.wapeOfFirst(s, (config.model().horizon() + 1) / 2), times.get(name),
                baselines.contains(name))));
        return rows;
    }

    private Map<String, Metrics> cohorts(List<MetricsCalculator.Scored> scored) {
        return scored == null || config.cohortAttribute() == null ? Map.of() : MetricsCalculator.byCohort(scored);
    }
}
