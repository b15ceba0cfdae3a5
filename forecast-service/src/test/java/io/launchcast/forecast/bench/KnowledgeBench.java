package io.launchcast.forecast.bench;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.TrainingLineage;
import io.launchcast.forecast.serving.ServingModel;
import io.launchcast.forecast.training.ArtifactServingModelLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What serving loses by forecasting from the data its model was trained on (ADR 0171): trains the configured
 * split's model once, then forecasts every test launch twice with it, from the data known at the first test
 * launch (what a model trained then and never refreshed reads) and from every published launch (what the
 * accuracy command scores, and what serving reads on the {@code LATEST} knowledge policy), point in time in both
 * cases. Prints WAPE and bias of each, overall and by launch quarter after the cut.
 *
 * <p>Run: {@code java -cp ... io.launchcast.forecast.bench.KnowledgeBench <curated version dir> <training.yml>}.
 */
public final class KnowledgeBench {

    private KnowledgeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path curatedDir = Path.of(args[0]);
        CuratedVersion full = new CuratedDatasetReader().open(curatedDir);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(AccuracyConfig.read(Path.of(args[1]))
                .withDataset(curatedDir), full);
        AccuracyEvaluation.SplitData split = evaluation.splitData();
        LocalDate cut = split.test().stream().map(e -> e.product().launchDate()).min(Comparator.naturalOrder())
                .orElseThrow();
        long t0 = System.nanoTime();
        ForecastTrainer.Result result = new ForecastTrainer(evaluation.config().model()).train(split.fit(),
                split.history(), evaluation.baselines());
        FeatureDefinitions definitions = evaluation.definitions();
        byte[] artifact = ForecastModelArtifact.write(result, new TrainingLineage(full.manifest().dataset(),
                full.manifest().version(), full.manifest().sha256(), FeatureDefinitions.VERSION, definitions.hash(),
                evaluation.config().model().seed(), Map.of(), "bench"));
        System.out.printf(Locale.ROOT, "%s: trained on %d launches in %.0f s (registered: %s); %d test launches from %s%n",
                full.manifest().dataset(), split.fit().size(), (System.nanoTime() - t0) / 1e9,
                result.learned().get("selection.chosen"), split.test().size(), cut);
        ServingModel trainedData = ArtifactServingModelLoader.assemble("bench/1", knownBy(full, cut), definitions,
                artifact, null);
        ServingModel latestData = ArtifactServingModelLoader.assemble("bench/1", full, definitions, artifact, null);
        Map<Long, double[]> byQuarter = new TreeMap<>();
        double[] all = new double[5];
        for (LaunchExample e : split.test()) {
            double[] stale = trainedData.forecast(e.product(), false).mean();
            double[] fresh = latestData.forecast(e.product(), false).mean();
            long quarter = ChronoUnit.MONTHS.between(cut, e.product().launchDate()) / 3;
            double[] q = byQuarter.computeIfAbsent(quarter, k -> new double[5]);
            for (int h = 0; h < e.actual().length; h++) {
                double actual = Math.max(0, e.actual()[h]);
                for (double[] sums : List.of(all, q)) {
                    sums[0] += Math.abs(stale[h] - actual);
                    sums[1] += Math.abs(fresh[h] - actual);
                    sums[2] += stale[h] - actual;
                    sums[3] += fresh[h] - actual;
                    sums[4] += actual;
                }
            }
        }
        System.out.println("| launches | WAPE, data of the cut | WAPE, latest data | bias %, data of the cut | bias %, latest data |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        byQuarter.forEach((quarter, sums) -> row("months " + 3 * quarter + "-" + (3 * quarter + 3) + " after", sums));
        row("all", all);
    }

    private static void row(String label, double[] sums) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", label, 100 * sums[0] / sums[4],
                100 * sums[1] / sums[4], 100 * sums[2] / sums[4], 100 * sums[3] / sums[4]);
    }

    /** The version as it was known on {@code date}: launches before it, sales and signals of periods ended by it. */
    private static CuratedVersion knownBy(CuratedVersion full, LocalDate date) {
        var period = full.manifest().period();
        return new CuratedVersion(full.manifest(),
                full.products().stream().filter(p -> p.launchDate().isBefore(date)).toList(),
                full.signals().stream().filter(s -> !period.plus(s.periodStart(), 1).isAfter(date)).toList(),
                row -> full.sales().forEach(sale -> {
                    if (!period.plus(sale.periodStart(), 1).isAfter(date)) {
                        row.accept(sale);
                    }
                }));
    }
}
