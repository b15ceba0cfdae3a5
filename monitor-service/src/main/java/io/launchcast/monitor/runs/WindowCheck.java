package io.launchcast.monitor.runs;

import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.FeatureBaseline;
import io.launchcast.monitor.baseline.FeatureConstraint;
import io.launchcast.monitor.baseline.MonitoringBaseline;
import io.launchcast.monitor.capture.CapturedRecord;
import io.launchcast.monitor.drift.DriftMeasures;
import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleBiFunction;
import org.springframework.stereotype.Component;

/** Runs Model Monitor's data-quality and drift checks of one window of records against a baseline. */
@Component
public class WindowCheck {

    /**
     * Violations found, the drift of every compared feature, and the features the window was too small to give a
     * drift verdict on, each with why.
     */
    public record Outcome(List<Violation> violations, List<FeatureDrift> drift, List<String> undecided) {
    }

    private final MonitorProperties.Drift defaults;

    public WindowCheck(MonitorProperties properties) {
        this.defaults = properties.drift();
    }

    /** The checks of a window held as a list of records (tests, small windows). */
    public Outcome check(MonitoringBaseline baseline, List<CapturedRecord> records) {
        Window window = window(baseline);
        records.forEach(window::add);
        return check(window);
    }

    /** An empty window to add records to, one at a time, for {@link #check(Window)}. */
    public Window window(MonitoringBaseline baseline) {
        return new Window(baseline);
    }

    /**
     * A window's values as the checks need them, gathered a record at a time so that no record is held: per baseline
     * feature the values present, the mistyped ones, the numbers (a column of doubles, in capture order) or the
     * categories' counts; and the names of every feature seen. A million captured records with a few numeric
     * features take a few MB instead of a feature map each.
     */
    public static final class Window {

        private final MonitoringBaseline baseline;
        private final Set<String> seen = new LinkedHashSet<>();
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private long records;

        private Window(MonitoringBaseline baseline) {
            this.baseline = baseline;
            baseline.features().values().forEach(f -> columns.put(f.name(), new Column(f.numeric())));
        }

        /** Adds one captured record's values. */
        public void add(CapturedRecord record) {
            records++;
            seen.addAll(record.features().keySet());
            columns.forEach((name, column) -> column.add(record.features().get(name)));
        }

        /** Records added. */
        public long records() {
            return records;
        }
    }

    /** One baseline feature's values in a window. */
    private static final class Column {

        private final boolean numeric;
        long present;
        long mistyped;
        double[] numbers = new double[0];
        int size;
        final Map<String, Long> categories = new TreeMap<>();

        Column(boolean numeric) {
            this.numeric = numeric;
        }

        void add(Object value) {
            if (value == null) {
                return;
            }
            present++;
            if (numeric && value instanceof String text) {
                // a request's attributes are strings: a numeric attribute's "12" is the number 12
                value = LaunchFeatureComputer.numericValue(text);
                if (value == null) {
                    mistyped++;
                    return;
                }
            }
            if (numeric != (value instanceof Double)) {
                mistyped++;
            }
            if (numeric) {
                if (value instanceof Double d) {
                    if (size == numbers.length) {
                        numbers = Arrays.copyOf(numbers, Math.max(16, size * 2));
                    }
                    numbers[size++] = d;
                }
            } else {
                categories.merge(value.toString(), 1L, Long::sum);
            }
        }
    }

    /** The checks of a window gathered with {@link #window}. */
    public Outcome check(Window window) {
        MonitoringBaseline baseline = window.baseline;
        List<Violation> violations = new ArrayList<>();
        List<FeatureDrift> drift = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        if (window.records == 0) {
            return new Outcome(violations, drift, undecided);
        }
        Set<String> seen = window.seen;
        for (String name : seen) {
            if (!baseline.features().containsKey(name)) {
                violations.add(new Violation(name, Violation.EXTRA_COLUMN, "feature not in the baseline"));
            }
        }
        for (FeatureBaseline feature : baseline.features().values()) {
            String name = feature.name();
            if (!seen.contains(name)) {
                violations.add(new Violation(name, Violation.MISSING_COLUMN, "feature of the baseline never captured"));
                continue;
            }
            Optional<FeatureConstraint> constraint = Optional.ofNullable(baseline.constraints().get(name));
            Column column = window.columns.get(name);
            long present = column.present;
            double completeness = (double) present / window.records;
            double required = constraint.map(FeatureConstraint::completeness).orElse(feature.completeness());
            if (completeness < required) {
                violations.add(new Violation(name, Violation.COMPLETENESS, String.format(Locale.ROOT,
                        "completeness %.4f below the baseline's %.4f", completeness, required)));
            }
            long mistyped = column.mistyped;
            if (mistyped > 0) {
                violations.add(new Violation(name, Violation.DATA_TYPE, mistyped + " of " + present
                        + " values are not " + (feature.numeric() ? "numbers" : "strings")));
            }
            FeatureDrift featureDrift = feature.numeric()
                    ? numericDrift(baseline, feature, constraint, Arrays.copyOf(column.numbers, column.size), undecided)
                    : categoricalDrift(baseline, feature, constraint, column.categories, violations, undecided);
            if (featureDrift != null) {
                drift.add(featureDrift);
                if (featureDrift.drifted()) {
                    violations.add(new Violation(name, Violation.BASELINE_DRIFT, String.format(Locale.ROOT,
                            "%s %.6g %s threshold %.6g", featureDrift.method().label(), featureDrift.value(),
                            featureDrift.method().isTest() ? "below" : "above", featureDrift.threshold())));
                }
            }
        }
        return new Outcome(violations, drift, undecided);
    }

    private FeatureDrift numericDrift(MonitoringBaseline baseline, FeatureBaseline feature,
            Optional<FeatureConstraint> constraint, double[] observed, List<String> undecided) {
        if (observed.length < DriftMeasures.MIN_NUMERIC_SAMPLE
                || feature.referenceValues().length < DriftMeasures.MIN_NUMERIC_SAMPLE) {
            undecided.add(DriftMeasures.tooFewToCompare(feature.name(), observed.length, feature.referenceValues().length));
            return null;
        }
        DriftMethod method = method(baseline, constraint,
                feature.count() <= defaults.testReferenceMax() ? DriftMethod.KS : DriftMethod.WASSERSTEIN);
        double[] reference = feature.referenceValues();
        ToDoubleBiFunction<double[], double[]> measure = switch (method) {
            case PSI -> DriftMeasures::psi;
            case WASSERSTEIN, JENSEN_SHANNON -> (r, o) -> DriftMeasures.normedWasserstein(r, o, feature.std());
            case KS, CHI_SQUARED -> DriftMeasures::ksPValue;
        };
        return verdict(feature.name(), method, threshold(method, baseline, constraint), observed.length,
                () -> DriftMeasures.numericNoise(reference, observed.length, measure),
                () -> measure.applyAsDouble(reference, observed), undecided);
    }

    private FeatureDrift categoricalDrift(MonitoringBaseline baseline, FeatureBaseline feature,
            Optional<FeatureConstraint> constraint, Map<String, Long> observed, List<Violation> violations,
            List<String> undecided) {
        long total = observed.values().stream().mapToLong(Long::longValue).sum();
        long unseen = observed.entrySet().stream().filter(e -> !feature.categories().containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double unseenMax = constraint.flatMap(FeatureConstraint::unseenShareMax).orElse(defaults.unseenShareMax());
        if (total > 0 && (double) unseen / total > unseenMax) {
            violations.add(new Violation(feature.name(), Violation.CATEGORICAL_VALUES, String.format(Locale.ROOT,
                    "%.2f%% of values never seen in the baseline (at most %.2f%%)", 100.0 * unseen / total,
                    100 * unseenMax)));
        }
        if (total == 0 || feature.categories().isEmpty()) {
            return null;
        }
        DriftMethod method = method(baseline, constraint,
                feature.count() <= defaults.testReferenceMax() ? DriftMethod.CHI_SQUARED : DriftMethod.JENSEN_SHANNON);
        Map<String, Long> reference = feature.categories();
        ToDoubleBiFunction<Map<String, Long>, Map<String, Long>> measure = switch (method) {
            case PSI -> DriftMeasures::psi;
            case JENSEN_SHANNON, WASSERSTEIN -> DriftMeasures::jensenShannon;
            case CHI_SQUARED, KS -> DriftMeasures::chiSquaredPValue;
        };
        return verdict(feature.name(), method, threshold(method, baseline, constraint), total,
                () -> DriftMeasures.categoricalNoise(reference, total, measure),
                () -> measure.applyAsDouble(reference, observed), undecided);
    }

    /** The feature's own method, else the file's, else PSI if configured for all, else the type's default. */
    private DriftMethod method(MonitoringBaseline baseline, Optional<FeatureConstraint> constraint, DriftMethod byType) {
        return constraint.flatMap(FeatureConstraint::comparisonMethod)
                .or(baseline::comparisonMethod).flatMap(WindowCheck::known)
                .orElse(defaults.psiForAll() ? DriftMethod.PSI : byType);
    }

    private static Optional<DriftMethod> known(String label) {
        try {
            return Optional.of(DriftMethod.of(label));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Model Monitor's own "Robust"/"Simple" mean: use the defaults
        }
    }

    private double threshold(DriftMethod method, MonitoringBaseline baseline, Optional<FeatureConstraint> constraint) {
        double fallback = method == DriftMethod.PSI ? defaults.psi() : method.isTest() ? defaults.pValue() : defaults.distance();
        return constraint.flatMap(FeatureConstraint::comparisonThreshold).or(baseline::comparisonThreshold).orElse(fallback);
    }

    /**
     * A test's verdict; a distance's only when windows of this size drawn from the reference itself cross its
     * threshold rarely enough for the distance to say more than noise (ADR 0168), else none and why.
     */
    private static FeatureDrift verdict(String name, DriftMethod method, double threshold, long size,
            DoubleSupplier noise, DoubleSupplier measured, List<String> undecided) {
        if (!method.isTest()) {
            double level = noise.getAsDouble();
            if (level >= threshold) {
                undecided.add(DriftMeasures.tooFew(name, size, method, threshold, level));
                return null;
            }
        }
        double value = measured.getAsDouble();
        return new FeatureDrift(name, method, value, threshold, method.isTest() ? value < threshold : value > threshold);
    }
}
