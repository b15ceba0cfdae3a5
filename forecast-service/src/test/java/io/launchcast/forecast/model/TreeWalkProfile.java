package io.launchcast.forecast.model;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trees alone (not a test): time per product of walking all boosters, with and without path contributions,
 * row by row and in blocks. {@code TreeWalkProfile <curated-version-dir> <artifact.bin> [config.yml]}.
 */
public final class TreeWalkProfile {

    private TreeWalkProfile() {
    }

    public static void main(String[] args) throws Exception {
        CuratedDataset curated = new CuratedDatasetReader().read(Path.of(args[0]));
        AccuracyConfig config = AccuracyConfig.read(Path.of(args.length > 2 ? args[2]
                : "samples/visuelle/training.yml")).withDataset(Path.of(args[0]));
        FeatureDefinitions definitions = new AccuracyEvaluation(config, curated).definitions();
        LaunchHistory history = LaunchHistory.of(curated, definitions, p -> true);
        CalibratedModel model = ForecastModelArtifact.load(Files.readAllBytes(Path.of(args[1])), history);
        BoostedCurveModel boosted = ((BlendedModel) model.model()).components().stream()
                .filter(BoostedCurveModel.class::isInstance).map(BoostedCurveModel.class::cast).findFirst().orElseThrow();
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history,
                SignalHistory.of(curated, definitions.signalFamily()));
        List<float[]> rows = new ArrayList<>();
        for (Product p : curated.products().subList(curated.products().size() - 512, curated.products().size())) {
            rows.add(boosted.rowOf(new LaunchExample(p, computer.compute(p, p.launchDate()), null)));
        }
        FlatBoosters boosters = boosted.boosters();
        float[][] block = rows.toArray(float[][]::new);
        double[][] margins = new double[block.length][boosters.size()];
        double[][] contributions = new double[block.length][block[0].length];
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (float[] row : block) {
                boosters.predict(row);
            }
            long t1 = System.nanoTime();
            boosters.predictBlock(block, block.length, margins, null);
            long t2 = System.nanoTime();
            boosters.predictBlock(block, block.length, margins, contributions);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d, %d rows: one by one %.1f us, blocks %.1f us, blocks with"
                    + " contributions %.1f us per row%n", round, block.length, (t1 - t0) / 1e3 / block.length,
                    (t2 - t1) / 1e3 / block.length, (t3 - t2) / 1e3 / block.length);
        }
        System.out.printf(Locale.ROOT, "digest of margins and contributions: %08x%n",
                java.util.Arrays.deepHashCode(margins) * 31 + java.util.Arrays.deepHashCode(contributions));
    }
}
