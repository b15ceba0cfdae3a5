package io.launchcast.monitor.forecastdrift;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.FeatureBaseline;
import io.launchcast.monitor.capture.CapturedForecast;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.drift.DriftMeasures;
import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.platform.models.ModelVersionId;
import io.launchcast.platform.objectstore.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the forecasts of a window with the model version's reference: the distribution of each forecast's total
 * over its horizon ({@code forecast_total}) and of each period's mean ({@code forecast_period_<n>}), with the
 * same tests and distances as the input features. Forecasts shift when inputs do, but also when a model misbehaves
 * on inputs that look normal; this is the check that sees the second.
 *
 * <p>The reference is the {@code forecast-statistics.json} the training pipeline writes next to the version's
 * baseline (Model Monitor's statistics format: the version's forecasts on its test launches). A version trained
 * before the pipeline wrote it has none: then the first window with at least {@code referenceMin} forecasts of the
 * version becomes its reference ({@value #FROM_CAPTURE}; that run compares nothing), and every run's report says
 * which reference it used.
 */
@Component
public class ForecastDrift {

    private static final Logger log = LoggerFactory.getLogger(ForecastDrift.class);
    public static final String TOTAL = "forecast_total";
    public static final String PERIOD = "forecast_period_";

    /** Whether {@code name} is one of the forecast series (the total or a period), not an input feature. */
    public static boolean isSeries(String name) {
        return name.equals(TOTAL) || name.startsWith(PERIOD);
    }
    /** The fallback reference of a version without the pipeline's file, taken from its first served window. */
    static final String FROM_CAPTURE = "forecast-reference-from-capture.json";
    /** Reference values kept per series: enough for the tests, bounded in size. */
    private static final int KEPT = 5000;

    /**
     * What a run's forecast check found.
     *
     * @param drift drift per series (empty when nothing was compared)
     * @param reference which reference was used, or why none was, for the run's report; null when the check is off
     * @param undecided the series the window was too small to give a drift verdict on, each with why
     * @param series the series the version's reference has (empty when it has none yet)
     */
    public record Outcome(List<FeatureDrift> drift, String reference, List<String> undecided, List<String> series) {

        Outcome(String reference) {
            this(List.of(), reference, List.of(), List.of());
        }
    }

    private final CapturedForecasts captures;
    private final BaselineReader baselines;
    private final ObjectStore store;
    private final JsonMapper json;
    private final MonitorProperties properties;
    private final Clock clock;

    public ForecastDrift(CapturedForecasts captures, BaselineReader baselines, ObjectStore store, JsonMapper json,
            MonitorProperties properties, Clock clock) {
        this.captures = captures;
        this.baselines = baselines;
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The forecast drift of a window against the version's reference, and which reference that was. */
    public Outcome check(MonitorProperties.Model model, int version, Instant from, Instant to) {
        MonitorProperties.ForecastDriftCheck settings = properties.forecastDrift();
        if (!settings.enabled()) {
            return new Outcome(null);
        }
        // streamed into one column of doubles per series: a window of a million forecasts is 13 x 8 MB, not
        // a million forecast objects of about 3 KB each
        Series forecasts = new Series();
        String served = new ModelVersionId(model.group(), version).toString(); // as forecasts name it
        captures.forEach(model.endpoint(), from, to, f -> served.equals(f.modelVersion()), forecasts::add);
        Optional<Map<String, FeatureBaseline>> written = baselines.forecastStatistics(model.group(), version);
        if (written.isPresent()) {
            Map<String, double[]> reference = new TreeMap<>();
            written.get().forEach((name, series) -> reference.put(name, series.referenceValues()));
            return compare(forecasts.arrays(), reference, String.format(Locale.ROOT,
                    "%s of v%d, written by the training pipeline (the version's forecasts of %d test launches)",
                    BaselineReader.FORECAST_STATISTICS, version, written.get().containsKey(TOTAL)
                            ? written.get().get(TOTAL).count() : 0));
        }
        String missing = "no " + BaselineReader.FORECAST_STATISTICS + " for v" + version
                + " (trained before the pipeline wrote one): ";
        String key = "monitoring/baselines/" + model.group() + "/v" + version + "/" + FROM_CAPTURE;
        if (store.head(key).isPresent()) {
            ForecastReference reference = json.readValue(store.read(key), ForecastReference.class);
            return compare(forecasts.arrays(), reference.values(), missing + "compared with the first served "
                    + "window's " + reference.forecasts() + " forecasts (" + reference.takenFrom() + ")");
        }
        if (forecasts.count < settings.referenceMin()) {
            return new Outcome(missing + "this window's " + forecasts.count + " forecasts are fewer than the "
                    + settings.referenceMin() + " a reference needs; nothing compared");
        }
        ForecastReference reference = new ForecastReference(model.group(), version, "capture " + from + " to " + to,
                Instant.now(clock), forecasts.count, sample(forecasts.arrays()));
        store.put(key, json.writeValueAsBytes(reference), "application/json");
        log.info("forecast reference of {} v{} from the capture: {} forecasts of {} to {}", model.group(), version,
                forecasts.count, from, to);
        return new Outcome(missing + "this window's " + forecasts.count + " forecasts became the reference ("
                + FROM_CAPTURE + "); nothing compared");
    }

    private Outcome compare(Map<String, double[]> observed, Map<String, double[]> reference, String note) {
        MonitorProperties.Drift defaults = properties.drift();
        List<FeatureDrift> drift = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        observed.forEach((name, values) -> {
            double[] ref = reference.get(name);
            if (ref == null) {
                return;
            }
            if (ref.length < DriftMeasures.MIN_NUMERIC_SAMPLE || values.length < DriftMeasures.MIN_NUMERIC_SAMPLE) {
                undecided.add(DriftMeasures.tooFewToCompare(name, values.length, ref.length));
                return;
            }
            double std = std(ref);
            boolean test = ref.length <= defaults.testReferenceMax() || std == 0;
            if (test) {
                double p = DriftMeasures.ksPValue(ref, values);
                drift.add(new FeatureDrift(name, DriftMethod.KS, p, defaults.pValue(), p < defaults.pValue()));
            } else {
                double noise = DriftMeasures.numericNoise(ref, values.length,
                        (r, o) -> DriftMeasures.normedWasserstein(r, o, std));
                if (noise >= defaults.distance()) {
                    undecided.add(DriftMeasures.tooFew(name, values.length, DriftMethod.WASSERSTEIN, defaults.distance(),
                            noise));
                    return;
                }
                double d = DriftMeasures.normedWasserstein(ref, values, std);
                drift.add(new FeatureDrift(name, DriftMethod.WASSERSTEIN, d, defaults.distance(), d > defaults.distance()));
            }
        });
        return new Outcome(drift, note, undecided, List.copyOf(reference.keySet()));
    }

    /** Totals and per-period means, by series name (periods in order). */
    static Map<String, double[]> series(List<CapturedForecast> forecasts) {
        Series series = new Series();
        forecasts.forEach(series::add);
        return series.arrays();
    }

    /** Totals and per-period means of forecasts added one at a time, as growing arrays of doubles. */
    private static final class Series {

        private final Map<String, double[]> values = new TreeMap<>();
        private final Map<String, Integer> sizes = new TreeMap<>();
        int count;

        void add(CapturedForecast f) {
            double total = 0;
            for (CapturedForecast.Period p : f.periods()) {
                total += p.mean();
                append(PERIOD + p.period(), p.mean());
            }
            append(TOTAL, total);
            count++;
        }

        private void append(String name, double value) {
            double[] column = values.computeIfAbsent(name, k -> new double[16]);
            int size = sizes.getOrDefault(name, 0);
            if (size == column.length) {
                column = Arrays.copyOf(column, column.length * 2);
                values.put(name, column);
            }
            column[size] = value;
            sizes.put(name, size + 1);
        }

        Map<String, double[]> arrays() {
            Map<String, double[]> arrays = new TreeMap<>();
            values.forEach((k, v) -> arrays.put(k, Arrays.copyOf(v, sizes.get(k))));
            return arrays;
        }
    }

    /** At most {@link #KEPT} values per series, drawn with a fixed seed so the same window gives the same file. */
    private static Map<String, double[]> sample(Map<String, double[]> series) {
        Map<String, double[]> kept = new TreeMap<>();
        series.forEach((name, values) -> {
            if (values.length <= KEPT) {
                kept.put(name, values);
                return;
            }
            double[] reservoir = new double[KEPT];
            Random random = new Random(42);
            for (int i = 0; i < values.length; i++) {
                if (i < KEPT) {
                    reservoir[i] = values[i];
                } else {
                    int j = random.nextInt(i + 1);
                    if (j < KEPT) {
                        reservoir[j] = values[i];
                    }
                }
            }
            kept.put(name, reservoir);
        });
        return kept;
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
