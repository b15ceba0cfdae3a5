package io.launchcast.forecast.model;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchCurve;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.SignalHistory;
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

/**
 * A small generated launch dataset where colour drives the level and category the decay, with launch
 * examples computed as of each launch: the first {@code fit} launches are fit, the rest are test.
 */
final class SyntheticLaunches {

    static final int HORIZON = 6;

    final CuratedDataset dataset;
    final LaunchHistory history;
    final FeatureDefinitions definitions;
    final List<LaunchExample> fit = new ArrayList<>();
    final List<LaunchExample> test = new ArrayList<>();

    SyntheticLaunches(int products, int fitCount, long seed) {
        this(products, fitCount, seed, true);
    }

    /** @param colourMatters false: every launch's level is drawn alike, so the attributes carry no signal */
    SyntheticLaunches(int products, int fitCount, long seed, boolean colourMatters) {
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2020, 1, 6);
        List<Product> list = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        List<String> colours = List.of("red", "blue", "green", "black");
        List<String> categories = List.of("dress", "coat", "skirt");
        for (int i = 0; i < products; i++) {
            String colour = colours.get(random.nextInt(colours.size()));
            String category = categories.get(random.nextInt(categories.size()));
            LocalDate launch = start.plusDays(2L * i);
            Product p = new Product(String.format("p%04d", i), launch, null, null, i < fitCount ? "train" : "test",
                    Map.of("colour", colour, "category", category));
            list.add(p);
            double level = !colourMatters ? 12 : switch (colour) {
                case "red" -> 40;
                case "blue" -> 15;
                case "green" -> 6;
                default -> 2;
            } * Math.exp(0.4 * random.nextGaussian());
            double decay = category.equals("coat") ? 0.05 : 0.3;
            for (int h = 0; h < HORIZON; h++) {
                long units = Math.round(level * Math.exp(-decay * h) * Math.exp(0.3 * random.nextGaussian()));
                sales.add(new SalesRecord(p.id(), "all", launch.plusWeeks(h), units));
            }
        }
        List<SignalRecord> signals = new ArrayList<>();
        for (String term : colours) {
            for (int w = -60; w < products / 3 + 20; w++) {
                signals.add(new SignalRecord("trend", term, start.plusWeeks(w), 50.0 + random.nextInt(20)));
            }
        }
        dataset = new CuratedDataset(new DatasetManifest("synthetic", "1", Period.WEEK, PeriodAnchor.LAUNCH,
                List.of("colour", "category"), "ab".repeat(32)), list, sales, signals);
        definitions = FeatureDefinitions.forDataset(dataset.manifest(), HORIZON);
        history = LaunchHistory.of(dataset, definitions, p -> "train".equals(p.split()));
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history, SignalHistory.of(dataset, "trend"));
        for (LaunchCurve c : history.curves()) {
            LaunchExample e = new LaunchExample(c.product(), computer.compute(c.product(), c.product().launchDate()),
                    c.units());
            ("train".equals(c.product().split()) ? fit : test).add(e);
        }
    }

    static ModelSettings settings(long seed) {
        return new ModelSettings(HORIZON, List.of(0.1, 0.5, 0.9), List.of("colour", "category"), seed,
                ModelSettings.Validation.byShare(0.2, 1),
                List.of(5, 10, 20), new ModelSettings.Boosting(40, 3, 0.1, 0.8, 0.8, 1, 1, true));
    }

    static List<ForecastTrainer.Baseline> baselines() {
        return List.of(new ForecastTrainer.Baseline("mean-curve", f -> MeanCurveModel.global(f, HORIZON)),
                new ForecastTrainer.Baseline("median-curve", f -> MeanCurveModel.median(f, HORIZON)),
                new ForecastTrainer.Baseline("category-mean-curve", f -> MeanCurveModel.byAttribute(f, HORIZON,
                        "category")));
    }
}
