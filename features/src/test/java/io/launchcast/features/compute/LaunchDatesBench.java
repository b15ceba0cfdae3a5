package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Product;

/**
 * Benchmark (not a test): feature time of 2,000 new products launching on 56 distinct days against the same
 * products on 8 weekly dates, warm (second pass), on a synthetic history. {@code LaunchDatesBench <launches>}.
 */
public final class LaunchDatesBench {

    private LaunchDatesBench() {
    }

    public static void main(String[] args) {
        CuratedDataset d = SyntheticLaunches.weekly(Integer.parseInt(args[0]), 12, 42);
        FeatureDefinitions defs = FeatureDefinitions.forDataset(d.manifest(), 12);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            LaunchHistory h = LaunchHistory.of(d, defs, p -> true);
            LaunchFeatureComputer c = new LaunchFeatureComputer(h, SignalHistory.of(d, defs.signalFamily()));
            double sink = 0;
            for (Product p : d.products()) {
                sink += c.compute(p, p.launchDate()).numeric().size();
            }
            long t1 = System.nanoTime();
            java.time.LocalDate after = d.products().get(d.products().size() - 1).launchDate().plusWeeks(20);
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) {
                    t1 = System.nanoTime();
                }
                for (int i = 0; i < 2000; i++) {
                    Product p = d.products().get(i % d.products().size());
                    Product fresh = new Product("n" + i, after.plusDays(i * 37L % 56), p.region(), p.price(), null, p.attributes());
                    sink += c.compute(fresh, fresh.launchDate()).numeric().size();
                }
            }
            long t2 = System.nanoTime();
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) {
                    t2 = System.nanoTime();
                }
                for (int i = 0; i < 2000; i++) {
                    Product p = d.products().get(i % d.products().size());
                    Product fresh = new Product("m" + i, after.plusWeeks(i % 8), p.region(), p.price(), null, p.attributes());
                    sink += c.compute(fresh, fresh.launchDate()).numeric().size();
                }
            }
            long t3 = System.nanoTime();
            System.out.printf(java.util.Locale.ROOT, "round %d: sync-like %d products %.0f ms; 2000 new on 56 dates %.0f ms; 2000 new on 8 weekly dates %.0f ms (%s)%n",
                    round, d.products().size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, sink > 0);
        }
    }
}
