package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.features.dataset.SignalRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small weekly launch datasets generated from a seed: colour drives the level, one trend term has gaps. */
final class SyntheticLaunches {

    static final List<String> COLOURS = List.of("red", "blue", "green");
    static final List<String> CATEGORIES = List.of("dress", "coat");

    private SyntheticLaunches() {
    }

    static CuratedDataset weekly(int products, int horizon, long seed) {
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2020, 1, 6);
        List<Product> list = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            String colour = COLOURS.get(random.nextInt(COLOURS.size()));
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            LocalDate launch = start.plusDays(3L * i);
            Product p = new Product("p" + i, launch, null, null, i % 10 == 9 ? "test" : "train",
                    Map.of("colour", colour, "category", category));
            list.add(p);
            double level = (colour.equals("red") ? 30 : colour.equals("blue") ? 10 : 3) * (0.5 + random.nextDouble());
            for (int h = 0; h < horizon; h++) {
                long units = Math.round(level * Math.exp(-0.15 * h) * (0.7 + 0.6 * random.nextDouble()));
                sales.add(new SalesRecord(p.id(), "all", launch.plusWeeks(h), units));
            }
        }
        List<SignalRecord> signals = new ArrayList<>();
        for (String term : List.of("red", "blue", "dress")) {
            for (int w = -60; w < 120; w++) {
                Double value = term.equals("blue") && w % 5 == 0 ? null : 50.0 + w * 0.1 + random.nextInt(10);
                signals.add(new SignalRecord("trend", term, start.plusWeeks(w), value));
            }
        }
        DatasetManifest manifest = new DatasetManifest("synthetic", "1", Period.WEEK, PeriodAnchor.LAUNCH,
                List.of("category", "colour"), "0".repeat(64));
        return new CuratedDataset(manifest, list, sales, signals);
    }
}
