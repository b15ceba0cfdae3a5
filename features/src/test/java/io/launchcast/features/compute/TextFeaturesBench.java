package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): the features of every product (as a feature sync computes them) of a catalogue with a
 * free-text description, launches spread over 150 weekly dates, words drawn from a 3,000-word vocabulary with
 * Zipf frequencies (a few words in many descriptions, as "set" or "red" are in a wholesaler's names).
 * {@code TextFeaturesBench <products>...}: one line per size, so that the growth with the catalogue shows;
 * {@code -Dbench.noText=true} leaves the description out of the features, for comparison.
 */
public final class TextFeaturesBench {

    private TextFeaturesBench() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            int products = Integer.parseInt(arg);
            CuratedDataset d = catalogue(products, 42);
            FeatureDefinitions defs = FeatureDefinitions.forDataset(d.manifest(), 8);
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                LaunchHistory h = LaunchHistory.of(d, defs, p -> true);
                LaunchFeatureComputer c = new LaunchFeatureComputer(h, SignalHistory.of(d, defs.signalFamily()));
                double sink = 0;
                for (Product p : d.products()) {
                    sink += c.compute(p, p.launchDate()).numeric().size();
                }
                long t1 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%d products, round %d: features of every product %.0f ms (%.1f µs a "
                        + "product) (%s)%n", products, round, (t1 - t0) / 1e6, (t1 - t0) / 1e3 / products, sink > 0);
            }
        }
    }

    static CuratedDataset catalogue(int products, long seed) {
        Random random = new Random(seed);
        int vocabulary = 3000;
        double[] cumulative = new double[vocabulary];
        double total = 0;
        for (int w = 0; w < vocabulary; w++) {
            total += 1.0 / (w + 1);
            cumulative[w] = total;
        }
        LocalDate start = LocalDate.of(2020, 1, 6);
        List<Product> list = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(5);
            for (int k = 0; k < words; k++) {
                double u = random.nextDouble() * total;
                int w = java.util.Arrays.binarySearch(cumulative, u);
                text.append(" w").append(w < 0 ? -w - 1 : w);
            }
            LocalDate launch = start.plusWeeks((long) i * 150 / products);
            Product p = new Product("p" + i, launch, null, 10.0 + random.nextInt(40), null,
                    Map.of("category", "c" + random.nextInt(20), "description", text.toString().trim()));
            list.add(p);
            double level = 5 + random.nextInt(30);
            for (int h = 0; h < 8; h++) {
                sales.add(new SalesRecord(p.id(), "all", launch.plusWeeks(h), Math.round(level * Math.exp(-0.1 * h))));
            }
        }
        DatasetManifest manifest = new DatasetManifest("text-bench", "1", Period.WEEK, PeriodAnchor.LAUNCH,
                List.of("category"), Boolean.getBoolean("bench.noText") ? List.of() : List.of("description"), List.of(), "0".repeat(64));
        return new CuratedDataset(manifest, list, sales, List.of());
    }
}
