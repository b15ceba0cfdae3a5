package io.launchcast.forecast.training;

import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The trained model and every baseline scored on the held-out launches, as both pipelines' evaluate steps score
 * them (the local step and the SageMaker Evaluate job), with what the {@link QualityGate} needs of them.
 *
 * @param candidate validation's choice ({@code selection.chosen}) and {@code model} its figures
 * @param baselines every baseline's figures, in the configuration's order
 * @param fallback the best baseline on the held-out launches of those stored as artifacts of their own, or
 *        {@code null}
 * @param borrowedIntervals baselines with no intervals of their own (not stored as artifacts, so not calibrated
 *        here), scored with the model's: their point figures are theirs, their wQL and coverage are not
 */
record HeldOut(String candidate, Metrics model, Map<String, Metrics> baselines, String fallback,
        Set<String> borrowedIntervals) {

    /**
     * @param artifact the trained model's artifact
     * @param stored the artifact of a baseline stored on its own, by name, or {@code null}: such a baseline is
     *        scored as it would be registered, with its own intervals; any other with the model's own
     */
    static HeldOut score(byte[] artifact, List<ForecastTrainer.Baseline> baselines, Function<String, byte[]> stored,
            AccuracyEvaluation.SplitData split) {
        CalibratedModel model = ForecastModelArtifact.load(artifact, split.history());
        Map<String, Metrics> table = new LinkedHashMap<>();
        Set<String> borrowed = new LinkedHashSet<>();
        String fallback = null;
        for (ForecastTrainer.Baseline baseline : baselines) {
            byte[] own = stored.apply(baseline.name());
            CalibratedModel scored = own != null ? ForecastModelArtifact.load(own, split.history())
                    : new CalibratedModel(baseline.fitter().apply(split.fit()), model.calibration().unmixed(), null);
            Metrics metrics = TrainingSteps.score(scored, split.test());
            table.put(baseline.name(), metrics);
            if (own == null) {
                borrowed.add(baseline.name());
            }
            if (own != null && (fallback == null || metrics.wape() < table.get(fallback).wape())) {
                fallback = baseline.name();
            }
        }
        String candidate = String.valueOf(ForecastModelArtifact.read(artifact).learned().get("selection.chosen"));
        return new HeldOut(candidate, TrainingSteps.score(model, split.test()), table, fallback, borrowed);
    }

    /** Whether validation chose a baseline. */
    boolean candidateIsBaseline() {
        return baselines.containsKey(candidate);
    }

    double bestBaselineWape() {
        return baselines.values().stream().mapToDouble(Metrics::wape).min().orElse(Double.NaN);
    }

    /** The figures of the stored baseline the gate may register instead, or {@code null}. */
    Metrics fallbackMetrics() {
        return fallback == null ? null : baselines.get(fallback);
    }

    /** The decision of {@code gate} on these figures. */
    QualityGate.Decision decide(QualityGate gate, boolean groupServesDataset, String group, String dataset) {
        Metrics f = fallbackMetrics();
        return gate.decide(new QualityGate.Scored(candidate, model.wape(), model.coverage()), candidateIsBaseline(),
                bestBaselineWape(), f == null ? null : new QualityGate.Scored(fallback, f.wape(), f.coverage()),
                groupServesDataset, group, dataset);
    }

    /** The coverage column's name: the model's lowest and highest quantile levels ({@code p10-p90 %}). */
    private String interval() {
        var levels = model.wql().keySet();
        return levels.isEmpty() ? "cover %" : String.format(Locale.ROOT, "p%d-p%d %%",
                Math.round(java.util.Collections.min(levels) * 100),
                Math.round(java.util.Collections.max(levels) * 100));
    }

    /**
     * The report's table: every baseline, then the model. A baseline scored with the model's intervals shows no
     * wQL or coverage: those figures would be the model's intervals around another forecast, judged as the
     * baseline's (the accuracy command calibrates every baseline on validation and shows its own).
     */
    String report() {
        if (model.cells() == 0) {
            return "no held-out launch to score: no launch of the test set has its whole horizon in the data (move"
                    + " split.cutoff earlier, or wait for their sales)" + System.lineSeparator();
        }
        Map<String, Metrics> table = new LinkedHashMap<>(baselines);
        table.put("registered (" + candidate + ")", model);
        int width = Math.max("model".length(), table.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s %8s %9s %8s %8s %10s%n",
                "model", "WAPE", "MAE", "bias%", "avg wQL", interval()));
        table.forEach((name, m) -> report.append(String.format(Locale.ROOT, "%-" + width + "s %8.2f %9.2f %8.2f ", name,
                m.wape(), m.mae(), m.bias())).append(borrowedIntervals.contains(name)
                        ? String.format(Locale.ROOT, "%8s %10s%n", "-", "-")
                        : String.format(Locale.ROOT, "%8.3f %10.1f%n", m.meanWql(), m.coverage())));
        if (!borrowedIntervals.isEmpty()) {
            report.append("  -: ").append(String.join(", ", borrowedIntervals))
                    .append(" has no intervals of its own here (docs/accuracy.md shows them calibrated)")
                    .append(System.lineSeparator());
        }
        return report.toString();
    }
}
