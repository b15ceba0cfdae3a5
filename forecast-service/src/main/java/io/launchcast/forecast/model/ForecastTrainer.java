package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains every candidate the same way: the fit launches are split by launch date into older launches and the
 * latest {@code validationFraction} of them; each model is fitted on the older part and forecasts the latest
 * part, which fits its intervals (and, for the ensemble, the blend weights and the level factor); then it is
 * refitted on all fit launches. Nothing outside {@code fit} is ever looked at.
 */
public final class ForecastTrainer {

    /** A named way to fit a baseline from launches with actuals. */
    public record Baseline(String name, Function<List<LaunchExample>, CurveModel> fitter) {
    }

    /** Older fit launches and the latest ones held out for validation. */
    public record Split(List<LaunchExample> older, List<LaunchExample> latest) {
    }

    /**
     * What training produced: the calibrated models (baselines first, the ensemble last), and what was
     * learned on validation.
     */
    public record Result(List<CalibratedModel> models, Map<String, Object> learned) {

        /** The model named {@code name}. */
        public CalibratedModel model(String name) {
            return models.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model " + name));
        }
    }

    private final ModelSettings settings;

    public ForecastTrainer(ModelSettings settings) {
        this.settings = settings;
    }

    /** Splits by launch date (ties by id): the latest {@code fraction} of launches are held out. */
    public static Split split(List<LaunchExample> fit, double fraction) {
        List<LaunchExample> sorted = new ArrayList<>(fit);
        sorted.sort(Comparator.comparing((LaunchExample e) -> e.product().launchDate())
                .thenComparing(e -> e.product().id()));
        int cut = (int) Math.round(sorted.size() * (1 - fraction));
        // keep launches of one date on the same side, so validation is strictly later than what it checks
        while (cut > 0 && cut < sorted.size()
                && sorted.get(cut).product().launchDate().equals(sorted.get(cut - 1).product().launchDate())) {
            cut++;
        }
        return new Split(List.copyOf(sorted.subList(0, cut)), List.copyOf(sorted.subList(cut, sorted.size())));
    }

    /** Trains the baselines, the analog, boosted and ensemble models on {@code fit}. */
    public Result train(List<LaunchExample> fit, LaunchHistory history, List<Baseline> baselines) {
        int horizon = settings.horizon();
        Split split = split(fit, settings.validationFraction());
        List<double[]> actuals = split.latest().stream().map(LaunchExample::actual).toList();
        List<CalibratedModel> models = new ArrayList<>();
        Map<String, Object> learned = new LinkedHashMap<>();

        for (Baseline b : baselines) {
            long t0 = System.nanoTime();
            CurveModel onOlder = b.fitter().apply(split.older());
            QuantileCalibration calibration = calibrate(predictAll(onOlder, split.latest()), actuals);
            CurveModel model = b.fitter().apply(fit);
            models.add(new CalibratedModel(model, calibration, Duration.ofNanos(System.nanoTime() - t0)));
        }

        long t0 = System.nanoTime();
        List<LaunchExample> older = split.older();
        List<LaunchExample> tuning = older.subList(Math.max(0, older.size() - 1000), older.size());
        AnalogModel analog = AnalogModel.learn(history, settings.attributes(), settings.analogK(), tuning, horizon);
        List<double[]> analogLatest = predictAll(analog, split.latest());
        Duration analogTime = Duration.ofNanos(System.nanoTime() - t0);
        models.add(new CalibratedModel(analog, calibrate(analogLatest, actuals), analogTime));
        log("analog learned " + analog.attributeWeights() + " k=" + analog.k() + " in " + analogTime);
        learned.put("analog.weights", analog.attributeWeights());
        learned.put("analog.k", analog.k());

        LevelCurveModel levelCurve = new LevelCurveModel(history, horizon);
        List<double[]> levelLatest = predictAll(levelCurve, split.latest());
        models.add(new CalibratedModel(levelCurve, calibrate(levelLatest, actuals), Duration.ZERO));

        long t1 = System.nanoTime();
        CurveModel offset = settings.boosting().levelOffset() ? levelCurve : null;
        BoostedCurveModel boostedOnOlder = BoostedCurveModel.train(older, analog, offset, settings);
        List<double[]> boostedLatest = boostedOnOlder.predictAll(split.latest());
        BoostedCurveModel boosted = BoostedCurveModel.train(fit, analog, offset, settings);
        Duration boostedTime = Duration.ofNanos(System.nanoTime() - t1);
        log("boosted trained twice in " + boostedTime);
        models.add(new CalibratedModel(boosted, calibrate(boostedLatest, actuals), boostedTime));

        long t2 = System.nanoTime();
        List<CurveModel> components = List.of(boosted, analog, levelCurve);
        List<List<double[]>> latest = List.of(boostedLatest, analogLatest, levelLatest);
        double[] bestWeights = null;
        double bestLevel = 1;
        double bestWape = Double.POSITIVE_INFINITY;
        int steps = 20;
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; i + j <= steps; j++) {
                double[] w = {i / (double) steps, j / (double) steps, (steps - i - j) / (double) steps};
                List<double[]> blended = blendAll(latest, w, 1.0);
                double level = wapeOptimalLevel(blended, actuals);
                double wape = wape(blendAll(latest, w, level), actuals);
                if (wape < bestWape - 1e-12) {
                    bestWape = wape;
                    bestWeights = w;
                    bestLevel = level;
                }
            }
        }
        BlendedModel ensemble = new BlendedModel("ensemble", components, bestWeights, bestLevel);
        QuantileCalibration ensembleCalibration = calibrate(blendAll(latest, bestWeights, bestLevel), actuals);
        Duration ensembleTime = analogTime.plus(boostedTime).plus(Duration.ofNanos(System.nanoTime() - t2));
        models.add(new CalibratedModel(ensemble, ensembleCalibration, ensembleTime));
        learned.put("ensemble.components", components.stream().map(CurveModel::name).toList());
        learned.put("ensemble.weights", Arrays.stream(bestWeights).boxed().toList());
        learned.put("ensemble.level", bestLevel);
        learned.put("ensemble.validationWape", 100 * bestWape);
        learned.put("validation.launches", split.latest().size());
        learned.put("validation.from", split.latest().isEmpty() ? null
                : split.latest().get(0).product().launchDate().toString());
        return new Result(List.copyOf(models), learned);
    }

    private static void log(String message) {
        System.getLogger(ForecastTrainer.class.getName()).log(System.Logger.Level.INFO, message);
    }

    private QuantileCalibration calibrate(List<double[]> forecasts, List<double[]> actuals) {
        return QuantileCalibration.fit(forecasts, actuals, settings.quantiles(), settings.horizon());
    }

    private static List<double[]> predictAll(CurveModel model, List<LaunchExample> examples) {
        if (model instanceof BoostedCurveModel boosted) {
            return boosted.predictAll(examples);
        }
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

    /**
     * The factor c minimising sum |y - c f|: the f-weighted median of y / f. This is the explicit level
     * correction: log-target models under-forecast totals, and launch levels drift between seasons.
     */
    static double wapeOptimalLevel(List<double[]> forecasts, List<double[]> actuals) {
        List<double[]> pairs = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < forecasts.get(i).length; h++) {
                double f = forecasts.get(i)[h];
                if (f > 1e-12) {
                    pairs.add(new double[] {actuals.get(i)[h] / f, f});
                    total += f;
                }
            }
        }
        if (pairs.isEmpty()) {
            return 1.0;
        }
        pairs.sort(Comparator.comparingDouble(p -> p[0]));
        double acc = 0;
        for (double[] p : pairs) {
            acc += p[1];
            if (acc >= total / 2) {
                return p[0];
            }
        }
        return pairs.get(pairs.size() - 1)[0];
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
