package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.dataset.Period;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Trains every candidate the same way: the latest fit launches are cut by launch date into validation folds
 * ({@link ModelSettings.Validation}); for each fold a model is fitted on the launches before it and forecasts
 * the fold, and the pooled folds fit its intervals (and, for the ensemble, choose the candidate, the blend
 * weights and the level factor); then it is refitted on all fit launches. Nothing outside {@code fit} is ever
 * looked at.
 */
public final class ForecastTrainer {

    /** A named way to fit a baseline from launches with actuals. */
    public record Baseline(String name, Function<List<LaunchExample>, CurveModel> fitter) {
    }

    /** A validation fold: the fit launches before it (its training set) and its own launches. */
    public record Split(List<LaunchExample> older, List<LaunchExample> latest) {
    }

    /**
     * What training produced: the calibrated models (baselines first, the ensemble last), what was learned on
     * validation, and which of the models are the baselines.
     */
    public record Result(List<CalibratedModel> models, Map<String, Object> learned, List<String> baselines) {

        /** The model named {@code name}. */
        public CalibratedModel model(String name) {
            return models.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model " + name));
        }

        /** The baselines an artifact can store on their own (curves; not the kNN, which keeps its launches). */
        public List<String> storableBaselines() {
            return models.stream().filter(m -> baselines.contains(m.name()))
                    .filter(m -> m.model() instanceof EnsembleComponent).map(CalibratedModel::name).toList();
        }

        /**
         * This training with the baseline {@code name} in the ensemble's place, alone and with the intervals
         * calibrated for it on validation, so it can be written as an artifact and registered instead of the
         * choice of validation; {@code reason} says when it would be.
         */
        public Result withBaselineRegistered(String name, String reason) {
            CalibratedModel baseline = model(name);
            if (!storableBaselines().contains(name)) {
                throw new IllegalArgumentException(name + " cannot be registered on its own");
            }
            BlendedModel alone = new BlendedModel(ENSEMBLE, List.of(baseline.model()), new double[] {1.0}, 1.0);
            List<CalibratedModel> replaced = new ArrayList<>(models.stream()
                    .filter(m -> !m.name().equals(ENSEMBLE)).toList());
            replaced.add(new CalibratedModel(alone, baseline.calibration(), baseline.trainingTime()));
            Map<String, Object> relearned = new LinkedHashMap<>(learned);
            relearned.put("ensemble.components", List.of(name));
            relearned.put("ensemble.weights", List.of(1.0));
            relearned.put("ensemble.level", 1.0);
            relearned.put("selection.validationChoice", learned.get("selection.chosen"));
            relearned.put("selection.chosen", name);
            relearned.put("selection.reason", name + ": " + reason);
            return new Result(List.copyOf(replaced), relearned, baselines);
        }
    }

    private static final String ENSEMBLE = "ensemble";

    private final ModelSettings settings;
    /** Where training says how it goes, one line at a time. */
    private final Consumer<String> progress;

    /** A trainer that reports its progress to this class's log. */
    public ForecastTrainer(ModelSettings settings) {
        this(settings, message -> System.getLogger(ForecastTrainer.class.getName())
                .log(System.Logger.Level.INFO, message));
    }

    /** @param progress where training says how it goes (a pipeline step's log, which a run shows as it runs) */
    public ForecastTrainer(ModelSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    private static boolean sameDate(List<LaunchExample> sorted, int i) {
        return sorted.get(i).product().launchDate().equals(sorted.get(i - 1).product().launchDate());
    }

    /**
     * Validation folds, the latest first. Each fold is the latest launches not yet in a fold, whole launch dates
     * at a time, at least {@code fraction} of all fit launches; it is widened a date at a time toward
     * {@code foldLaunches} launches and {@code foldDates} dates as far as its training set keeps
     * {@code trainingLaunches}. Its training set is every launch before it (the fold's models may learn from
     * the sales of their first periods that came after the fold's first launch date; at the cutoff the gap is a
     * whole horizon: see ADR 0124). After the least {@code folds}, more folds are cut while the folds hold fewer
     * than {@code launches} together and the next one meets every minimum.
     *
     * <p>A fold that holds its launches is widened toward its dates only while it spans less than a
     * {@code horizon} of {@code period}s: the date minimum keeps a fold off one date's cohort, a month on weekly
     * data, but on a calendar of seasonal drops four dates are a year, and its latest launches would be forecast
     * by models a year older than any a retraining loop serves (ADR 0176).
     */
    static List<Split> folds(List<LaunchExample> fit, ModelSettings.Validation v, Period period, int horizon) {
        List<LaunchExample> sorted = new ArrayList<>(fit);
        sorted.sort(Comparator.comparing((LaunchExample e) -> e.product().launchDate())
                .thenComparing(e -> e.product().id()));
        int share = Math.max(1, (int) Math.ceil(v.fraction() * sorted.size() - 1e-9));
        List<Split> folds = new ArrayList<>();
        int end = sorted.size();
        int held = 0;
        while (end > 0) {
            boolean least = folds.size() < v.folds();
            if (!least && held >= v.launches()) {
                break;
            }
            // the share first, whole dates at a time, unless that leaves nothing to train on
            int start = dateStart(sorted, Math.max(0, end - share));
            if (start == 0 && dateEnd(sorted, 0) < end) {
                start = dateEnd(sorted, 0);
            }
            // then toward the minimums, as far as the training set keeps its minimum
            while (start > 0 && (end - start < v.foldLaunches() || dates(sorted, start, end) < v.foldDates())) {
                int wider = dateStart(sorted, start - 1);
                if (wider < v.trainingLaunches() || end - start >= v.foldLaunches() && period.between(
                        launchDate(sorted, wider), launchDate(sorted, end - 1)) >= horizon) {
                    break;
                }
                start = wider;
            }
            boolean minimums = end - start >= share && end - start >= v.foldLaunches()
                    && dates(sorted, start, end) >= v.foldDates() && start >= v.trainingLaunches();
            if (start == 0 || !least && !minimums) {
                break;
            }
            folds.add(new Split(List.copyOf(sorted.subList(0, start)), List.copyOf(sorted.subList(start, end))));
            held += end - start;
            end = start;
        }
        return folds;
    }

    /** Validation folds of a calendar whose dates never span a horizon's widening (tests of the other rules). */
    static List<Split> folds(List<LaunchExample> fit, ModelSettings.Validation v) {
        return folds(fit, v, Period.DAY, Integer.MAX_VALUE);
    }

    private static LocalDate launchDate(List<LaunchExample> sorted, int i) {
        return sorted.get(i).product().launchDate();
    }

    /** The index of the first launch on the launch date of {@code sorted.get(i)}. */
    private static int dateStart(List<LaunchExample> sorted, int i) {
        int start = i;
        while (start > 0 && sameDate(sorted, start)) {
            start--;
        }
        return start;
    }

    /** The index after the last launch on the launch date of {@code sorted.get(i)}. */
    private static int dateEnd(List<LaunchExample> sorted, int i) {
        int end = i + 1;
        while (end < sorted.size() && sameDate(sorted, end)) {
            end++;
        }
        return end;
    }

    private static int dates(List<LaunchExample> sorted, int start, int end) {
        return (int) launchDates(sorted.subList(start, end));
    }

    /**
     * Trains the baselines, the analog, boosted and ensemble models on {@code fit}; when {@code fit} gives no
     * validation fold, only the baselines, and the ensemble is the global mean curve ({@link #withoutValidation}).
     */
    public Result train(List<LaunchExample> fit, LaunchHistory history, List<Baseline> baselines) {
        int horizon = settings.horizon();
        List<Split> folds = folds(fit, settings.validation(), history.definitions().period(), horizon);
        if (folds.isEmpty()) {
            long dates = fit.stream().map(e -> e.product().launchDate()).distinct().count();
            return withoutValidation(fit, baselines, "no validation fold: the " + fit.size()
                    + " launches to fit on span " + dates + " launch date" + (dates == 1 ? "" : "s")
                    + ", so no later launches are left to choose a model on");
        }
        List<LaunchExample> held = new ArrayList<>();
        folds.forEach(f -> held.addAll(f.latest()));
        List<double[]> actuals = held.stream().map(LaunchExample::actual).toList();
        int[] foldOf = new int[held.size()];
        for (int f = 0, r = 0; f < folds.size(); f++) {
            for (int i = 0; i < folds.get(f).latest().size(); i++) {
                foldOf[r++] = f;
            }
        }
        int[] dateOf = held.stream().mapToInt(e -> (int) e.product().launchDate().toEpochDay()).toArray();
        List<CalibratedModel> models = new ArrayList<>();
        Map<String, Object> learned = new LinkedHashMap<>();

        // baselines an ensemble can store are candidates too, with their validation forecasts
        Map<CurveModel, List<double[]>> baselineCandidates = new LinkedHashMap<>();
        for (Baseline b : baselines) {
            long t0 = System.nanoTime();
            List<double[]> preds = new ArrayList<>();
            for (Split fold : folds) {
                preds.addAll(predictAll(b.fitter().apply(fold.older()), fold.latest()));
            }
            QuantileCalibration calibration = calibrate(preds, actuals, foldOf);
            CurveModel model = b.fitter().apply(fit);
            models.add(new CalibratedModel(model, calibration, Duration.ofNanos(System.nanoTime() - t0)));
            if (model instanceof EnsembleComponent) {
                baselineCandidates.put(model, preds);
            }
        }

        long t0 = System.nanoTime();
        List<LaunchExample> older = folds.get(folds.size() - 1).older();
        List<LaunchExample> tuning = older.subList(Math.max(0, older.size() - 1000), older.size());
        // the configured attributes, and the words of every free-text attribute the data declares
        List<String> analogAttributes = new ArrayList<>(settings.attributes());
        history.definitions().textAttributes().stream().filter(t -> !analogAttributes.contains(t))
                .forEach(analogAttributes::add);
        AnalogModel analog = AnalogModel.learn(history, analogAttributes, settings.analogK(), tuning, horizon);
        List<double[]> analogLatest = predictAll(analog, held);
        Duration analogTime = Duration.ofNanos(System.nanoTime() - t0);
        models.add(new CalibratedModel(analog, calibrate(analogLatest, actuals, foldOf), analogTime));
        learned.put("analog.attributes", analogAttributes);
        learned.put("analog.weights", analog.attributeWeights());
        learned.put("analog.k", analog.k());
        learned.put("analog.priceWeight", analog.priceWeight());
        if (!analog.numericWeights().isEmpty()) {
            learned.put("analog.numericWeights", analog.numericWeights());
        }
        String statistic = analog.medianForecast() ? AnalogSpec.MEDIAN : "mean";
        learned.put("analog.statistic", statistic);
        log("analog learned " + analog.attributeWeights() + " price=" + analog.priceWeight() + " k=" + analog.k()
                + " " + statistic + " in " + analogTime);

        LevelCurveModel levelCurve = new LevelCurveModel(history, horizon);
        List<double[]> levelLatest = predictAll(levelCurve, held);
        models.add(new CalibratedModel(levelCurve, calibrate(levelLatest, actuals, foldOf), Duration.ZERO));

        MeanCurveModel meanCurve = MeanCurveModel.global(fit, horizon);
        List<double[]> meanLatest = new ArrayList<>();
        for (Split fold : folds) {
            meanLatest.addAll(predictAll(MeanCurveModel.global(fold.older(), horizon), fold.latest()));
        }

        long t1 = System.nanoTime();
        CurveModel offset = settings.boosting().levelOffset() ? levelCurve : null;
        // how many rounds: each fold's model forecasts its launches after every checkpoint of rounds
        int[] checkpoints = roundCheckpoints(settings.boosting().rounds());
        BoostedFolds boostedFolds = boostFolds(folds, analog, offset, checkpoints);
        if (offset != null) {
            // learning relative to the level curve can go absurd where the level's history is short (an early,
            // small level against a later, larger one): then the plain target, if it does better (ADR 0151)
            List<List<double[]>> simple = new ArrayList<>(List.of(levelLatest, meanLatest));
            simple.addAll(baselineCandidates.values());
            double bestSimple = simple.stream().mapToDouble(p -> wape(p, actuals)).min().orElseThrow();
            double withOffset = wape(boostedFolds.latest(), actuals);
            if (Selection.absurd(withOffset, bestSimple)) {
                BoostedFolds plain = boostFolds(folds, analog, null, checkpoints);
                double without = wape(plain.latest(), actuals);
                String figures = String.format(Locale.ROOT, "validation WAPE %.2f relative to the level"
                        + " curve, above %.1f times the best simple candidate's %.2f; %.2f without it",
                        100 * withOffset, Selection.ABSURD, 100 * bestSimple, 100 * without);
                if (without < withOffset) {
                    offset = null;
                    boostedFolds = plain;
                    learned.put("boosted.levelOffsetDropped", figures);
                } else {
                    learned.put("boosted.levelOffsetKept", figures);
                }
                log("boosted: " + figures + (offset == null ? ": trained without it" : ": kept"));
            }
        }
        List<double[]> boostedLatest = boostedFolds.latest();
        int rounds = checkpoints[boostedFolds.bestCheckpoint()];
        BoostedCurveModel boosted = BoostedCurveModel.train(fit, analog, offset,
                settings.withBoosting(settings.boosting().withRounds(rounds)));
        Duration boostedTime = Duration.ofNanos(System.nanoTime() - t1);
        learned.put("boosted.rounds", rounds);
        learned.put("boosted.levelOffset", offset != null);
        learned.put("boosted.validationWapeByRounds", validationWapeByRounds(boostedFolds.curves(), folds,
                checkpoints));
        log("boosted trained " + (folds.size() + 1) + " times in " + boostedTime + ", " + rounds + " rounds of "
                + settings.boosting().rounds() + " chosen on validation");
        models.add(new CalibratedModel(boosted, calibrate(boostedLatest, actuals, foldOf), boostedTime));

        long t2 = System.nanoTime();
        List<CurveModel> components = new ArrayList<>(List.of(boosted, analog, levelCurve, meanCurve));
        List<List<double[]>> latest = new ArrayList<>(List.of(boostedLatest, analogLatest, levelLatest, meanLatest));
        // how much each candidate learns: of two that tie on validation, the simpler one is registered
        List<Integer> complexity = new ArrayList<>(List.of(3, 2, 1, 0));
        baselineCandidates.forEach((model, preds) -> {
            if (components.stream().noneMatch(c -> c.name().equals(model.name()))) {
                components.add(model);
                latest.add(preds);
                // a global curve learns one average; a cohort's curves one per value
                boolean global = ((EnsembleComponent) model).spec() instanceof MeanCurveSpec m && m.attribute() == null;
                complexity.add(global ? 0 : 1);
            }
        });
        boolean[] median = new boolean[components.size()];
        for (int c = 0; c < median.length; c++) {
            median[c] = components.get(c).medianForecast();
        }
        Selection selection = Selection.choose(components.stream().map(CurveModel::name).toList(),
                complexity.stream().mapToInt(Integer::intValue).toArray(), median, latest, actuals, foldOf,
                folds.size(), dateOf);
        BlendedModel ensemble = new BlendedModel(ENSEMBLE, components, selection.weights(), selection.level());
        List<double[]> ensembleLatest = blendAll(latest, selection.weights(), selection.level());
        QuantileCalibration ensembleCalibration = calibrate(ensembleLatest, actuals, foldOf);
        // the registered model's quantiles averaged with the global mean curve's as far as validation asks
        QuantileCalibration.Mix mix = QuantileCalibration.chooseMix(ensembleLatest, meanLatest, actuals, foldOf,
                settings.quantiles(), horizon);
        if (mix.ownWeight() < 1) {
            ensembleCalibration = ensembleCalibration.mixedWith(mix.ownWeight(),
                    calibrate(meanLatest, actuals, foldOf), meanCurve.overall());
        }
        learned.put("intervals.ownWeight", mix.ownWeight());
        learned.put("intervals.validationWqlByOwnWeight", mix.lossByOwnWeight());
        learned.put("intervals.reason", mix.reason());
        Duration ensembleTime = analogTime.plus(boostedTime).plus(Duration.ofNanos(System.nanoTime() - t2));
        models.add(new CalibratedModel(ensemble, ensembleCalibration, ensembleTime));
        Map<String, Double> validationBias = new LinkedHashMap<>();
        Map<String, Double> validationWape = new LinkedHashMap<>();
        for (int c = 0; c < components.size(); c++) {
            validationBias.put(components.get(c).name(), bias(latest.get(c), actuals));
            validationWape.put(components.get(c).name(), 100 * wape(latest.get(c), actuals));
        }
        learned.put("validation.bias", validationBias);
        learned.put("validation.wape", validationWape);
        learned.put("ensemble.components", components.stream().map(CurveModel::name).toList());
        learned.put("ensemble.weights", Arrays.stream(selection.weights()).boxed().toList());
        learned.put("ensemble.level", selection.level());
        learned.put("ensemble.meanCurve", Arrays.stream(meanCurve.overall()).boxed().toList());
        learned.put("ensemble.validationWape", 100 * wape(ensembleLatest, actuals));
        learned.put("selection.chosen", selection.chosen());
        learned.put("selection.reason", selection.reason());
        learned.put("selection.validationWape", selection.validationWape());
        learned.put("validation.launches", held.size());
        learned.put("validation.folds", folds.stream().map(f -> f.latest().get(0).product().launchDate() + ".."
                + f.latest().get(f.latest().size() - 1).product().launchDate()).toList());
        learned.put("validation.launchesPerFold", folds.stream().map(f -> f.latest().size()).toList());
        learned.put("validation.datesPerFold", folds.stream().map(f -> launchDates(f.latest())).toList());
        learned.put("validation.trainingPerFold", folds.stream().map(f -> f.older().size()).toList());
        List<String> chosenPerFold = chosenPerFold(components, complexity, median, latest, actuals, foldOf,
                dateOf, folds.size());
        learned.put("selection.chosenPerFold", chosenPerFold);
        learned.put("selection.foldAgreement", 100.0 * chosenPerFold.stream().filter(selection.chosen()::equals)
                .count() / folds.size());
        if (folds.size() > 1) {
            learned.put("validation.crossFoldCoverage", mix.coverage());
        }
        return new Result(List.copyOf(models), learned, baselines.stream().map(Baseline::name).toList());
    }

    /**
     * Launches that leave nothing later to validate on (all on one launch date) can choose no model, and the
     * suite must still have one to serve: the global mean curve, which learns nothing that would need choosing,
     * is registered, its intervals calibrated on its own fit launches (one average per period barely fits any
     * launch), and the report says why. The baselines are trained and calibrated the same way.
     */
    private Result withoutValidation(List<LaunchExample> fit, List<Baseline> baselines, String why) {
        int horizon = settings.horizon();
        List<double[]> actuals = fit.stream().map(LaunchExample::actual).toList();
        int[] oneFold = new int[fit.size()];
        List<CalibratedModel> models = new ArrayList<>();
        for (Baseline b : baselines) {
            CurveModel model = b.fitter().apply(fit);
            models.add(new CalibratedModel(model, calibrate(predictAll(model, fit), actuals, oneFold), Duration.ZERO));
        }
        MeanCurveModel meanCurve = MeanCurveModel.global(fit, horizon);
        BlendedModel ensemble = new BlendedModel(ENSEMBLE, List.of(meanCurve), new double[] {1.0}, 1.0);
        models.add(new CalibratedModel(ensemble, calibrate(predictAll(meanCurve, fit), actuals, oneFold),
                Duration.ZERO));
        log(why + ": registering the global mean curve");
        Map<String, Object> learned = new LinkedHashMap<>();
        learned.put("ensemble.components", List.of(meanCurve.name()));
        learned.put("ensemble.weights", List.of(1.0));
        learned.put("ensemble.level", 1.0);
        learned.put("ensemble.meanCurve", Arrays.stream(meanCurve.overall()).boxed().toList());
        learned.put("selection.chosen", meanCurve.name());
        learned.put("selection.reason", meanCurve.name() + ": " + why
                + "; the global mean curve learns nothing that needs choosing");
        learned.put("validation.launches", 0);
        learned.put("validation.folds", List.of());
        return new Result(List.copyOf(models), learned, baselines.stream().map(Baseline::name).toList());
    }

    private static long launchDates(List<LaunchExample> launches) {
        return launches.stream().map(e -> e.product().launchDate()).distinct().count();
    }

    /**
     * What selection would register from each fold alone: how much the choice owes to which launches validate
     * it (reported, so that a choice the folds disagree on is visible).
     */
    private static List<String> chosenPerFold(List<CurveModel> components, List<Integer> complexity,
                                              boolean[] median, List<List<double[]>> latest, List<double[]> actuals,
                                              int[] foldOf, int[] dateOf, int folds) {
        List<String> names = components.stream().map(CurveModel::name).toList();
        int[] ranks = complexity.stream().mapToInt(Integer::intValue).toArray();
        List<String> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int fold = f;
            List<Integer> rows = java.util.stream.IntStream.range(0, actuals.size()).filter(r -> foldOf[r] == fold)
                    .boxed().toList();
            List<List<double[]>> own = latest.stream().map(c -> rows.stream().map(c::get).toList()).toList();
            out.add(Selection.choose(names, ranks, median, own, rows.stream().map(actuals::get).toList(),
                    new int[rows.size()], 1, rows.stream().mapToInt(r -> dateOf[r]).toArray()).chosen());
        }
        return out;
    }

    /**
     * Each fold's boosted forecasts after every checkpoint of rounds ({@code curves}), and the forecasts of the
     * validation launches, each fold forecast with the rounds the other folds chose, so that its error is not the
     * minimum of several.
     */
    private record BoostedFolds(List<List<double[][]>> curves, List<double[]> latest, int bestCheckpoint) {
    }

    private BoostedFolds boostFolds(List<Split> folds, CurveModel analog, CurveModel offset, int[] checkpoints) {
        List<List<double[][]>> foldCurves = new ArrayList<>();
        for (Split fold : folds) {
            long t0 = System.nanoTime();
            foldCurves.add(BoostedCurveModel.train(fold.older(), analog, offset, settings)
                    .predictAfterRounds(fold.latest(), checkpoints));
            // boosting is the longest part of training (minutes on tens of thousands of launches): say how it goes
            log(String.format(Locale.ROOT, "boosted: validation fold %d of %d trained on %d launches, %d forecast,"
                    + " in %.1f s", foldCurves.size(), folds.size(), fold.older().size(), fold.latest().size(),
                    (System.nanoTime() - t0) / 1e9));
        }
        List<double[]> latest = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            int skip = f;
            int c = bestCheckpoint(foldCurves, folds, checkpoints.length, g -> folds.size() == 1 || g != skip);
            foldCurves.get(f).forEach(curves -> latest.add(curves[c]));
        }
        return new BoostedFolds(foldCurves, latest,
                bestCheckpoint(foldCurves, folds, checkpoints.length, g -> true));
    }

    /** The rounds a boosted model may keep: the configured most, halved down to a sixteenth (at least 10). */
    static int[] roundCheckpoints(int rounds) {
        List<Integer> out = new ArrayList<>();
        for (int r = rounds, i = 0; i < 5 && (r >= 10 || out.isEmpty()); r = (r + 1) / 2, i++) {
            out.add(0, r);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The checkpoint with the lowest WAPE over the folds {@code use} accepts (the fewer rounds on a tie). */
    private static int bestCheckpoint(List<List<double[][]>> foldCurves, List<Split> folds, int checkpoints,
                                      IntPredicate use) {
        int best = 0;
        double bestWape = Double.POSITIVE_INFINITY;
        for (int c = 0; c < checkpoints; c++) {
            double wape = checkpointWape(foldCurves, folds, c, use);
            if (wape < bestWape - 1e-12) {
                bestWape = wape;
                best = c;
            }
        }
        return best;
    }

    private static double checkpointWape(List<List<double[][]>> foldCurves, List<Split> folds, int c,
                                         IntPredicate use) {
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            if (use.test(f)) {
                foldCurves.get(f).forEach(curves -> forecasts.add(curves[c]));
                folds.get(f).latest().forEach(e -> actuals.add(e.actual()));
            }
        }
        return wape(forecasts, actuals);
    }

    private static Map<String, Double> validationWapeByRounds(List<List<double[][]>> foldCurves, List<Split> folds,
                                                              int[] checkpoints) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < checkpoints.length; c++) {
            out.put(Integer.toString(checkpoints[c]), 100 * checkpointWape(foldCurves, folds, c, f -> true));
        }
        return out;
    }

    private void log(String message) {
        progress.accept(message);
    }

    private QuantileCalibration calibrate(List<double[]> forecasts, List<double[]> actuals, int[] foldOf) {
        return QuantileCalibration.fit(forecasts, actuals, foldOf, settings.quantiles(), settings.horizon());
    }

    private static List<double[]> predictAll(CurveModel model, List<LaunchExample> examples) {
        return examples.stream().map(model::predict).toList();
    }

    private static List<double[]> blendAll(List<List<double[]>> components, double[] weights, double level) {
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < components.get(0).size(); r++) {
            List<double[]> row = new ArrayList<>();
            for (List<double[]> c : components) {
                row.add(c.get(r));
            }
            out.add(BlendedModel.blend(row, weights, level));
        }
        return out;
    }

    static double bias(List<double[]> forecasts, List<double[]> actuals) {
        double f = 0;
        double y = 0;
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < forecasts.get(i).length; h++) {
                f += forecasts.get(i)[h];
                y += actuals.get(i)[h];
            }
        }
        return y == 0 ? 0 : 100 * (f - y) / y;
    }

    static double wape(List<double[]> forecasts, List<double[]> actuals) {
        double err = 0;
        double tot = 0;
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < forecasts.get(i).length; h++) {
                err += Math.abs(actuals.get(i)[h] - forecasts.get(i)[h]);
                tot += actuals.get(i)[h];
            }
        }
        return tot == 0 ? 0 : err / tot;
    }
}
