package io.launchcast.forecast.bench;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.LaunchExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of one forecast goes (not a test): features, each model component, explanation.
 * {@code ServingProfile <curated-version-dir> <artifact.bin> [config.yml] [iterations]}; {@code -Ddates=daily}
 * spreads the launch dates over every day of 8 weeks instead of one weekday.
 */
public final class ServingProfile {

    private ServingProfile() {
    }

    public static void main(String[] args) throws Exception {
        CuratedDataset curated = new CuratedDatasetReader().read(Path.of(args[0]));
        byte[] artifact = Files.readAllBytes(Path.of(args[1]));
        Path configFile = Path.of(args.length > 2 ? args[2] : "samples/visuelle/training.yml");
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        AccuracyConfig config = AccuracyConfig.read(configFile).withDataset(Path.of(args[0]));
        FeatureDefinitions definitions = new AccuracyEvaluation(config, curated).definitions();
        LaunchHistory history = LaunchHistory.of(curated, definitions, p -> true);
        CalibratedModel model = ForecastModelArtifact.load(artifact, history);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history,
                SignalHistory.of(curated, definitions.signalFamily()));
        List<Product> products = new ArrayList<>(curated.products());
        products.sort(java.util.Comparator.comparing(Product::launchDate).reversed());
        // new products: the attributes of the latest 500 launches, launching over the 8 weeks after the data ends,
        // on one weekday (-Ddates=weekly, 8 distinct dates) or on any day (-Ddates=daily, 56 distinct dates)
        boolean daily = "daily".equals(System.getProperty("dates", "weekly"));
        java.time.LocalDate after = products.get(0).launchDate().plusWeeks(definitions.horizon());
        List<Product> fresh = new ArrayList<>();
        for (int i = 0; i < Math.min(500, products.size()); i++) {
            Product p = products.get(i);
            java.time.LocalDate launch = daily ? after.plusDays(i * 37L % 56) : after.plusWeeks(i % 8);
            fresh.add(new Product("new-" + i, launch, p.region(), p.price(), null, p.attributes()));
        }
        products = fresh;
        for (int round = 0; round < 3; round++) {
            long features = 0;
            long predict = 0;
            long explained = 0;
            for (int i = 0; i < iterations; i++) {
                Product p = products.get(i % products.size());
                long t0 = System.nanoTime();
                LaunchFeatures f = computer.compute(p, p.launchDate());
                long t1 = System.nanoTime();
                model.forecast(new LaunchExample(p, f, null), false);
                long t2 = System.nanoTime();
                model.forecast(new LaunchExample(p, f, null), true); // a new example: nothing memoised from above
                long t3 = System.nanoTime();
                features += t1 - t0;
                predict += t2 - t1;
                explained += t3 - t2;
            }
            // as a batch part does: features of 256 products, then the model on all of them at once
            long blocked = 0;
            long blockedExplained = 0;
            for (int from = 0; from < iterations; from += 256) {
                List<LaunchExample> block = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = from; i < Math.min(iterations, from + 256); i++) {
                    Product p = products.get(i % products.size());
                    block.add(new LaunchExample(p, computer.compute(p, p.launchDate()), null));
                }
                long t1 = System.nanoTime();
                model.forecastAll(block, false);
                long t2 = System.nanoTime();
                model.forecastAll(new ArrayList<>(block.stream().map(e -> new LaunchExample(e.product(), e.features(),
                        null)).toList()), true); // new examples: nothing memoised from above
                long t3 = System.nanoTime();
                blocked += t2 - t1;
                blockedExplained += t3 - t2;
            }
            System.out.printf(Locale.ROOT, "round %d, %d new products (%d distinct): features %.3f ms, forecast %.3f ms,"
                    + " forecast with explanation %.3f ms; in blocks of 256: forecast %.3f ms, with explanation"
                    + " %.3f ms%n", round, iterations, products.size(), features / 1e6 / iterations,
                    predict / 1e6 / iterations, explained / 1e6 / iterations, blocked / 1e6 / iterations,
                    blockedExplained / 1e6 / iterations);
        }
    }
}
