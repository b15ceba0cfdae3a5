package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.features.compute.LaunchCurve;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split of a version larger than the configured maxima: sampled fit and test sets and their curves alone. */
class SplitSamplingTest {


    @TempDir
    Path dir;

    /** 300 launches, one a day from 2024-01-01, four weekly sales each; cutoff 2024-09-01. */
    private AccuracyEvaluation evaluation() throws Exception {
        return evaluation("2024-09-01");
    }

    @Test
    void anAttributeOrSignalTheDatasetDoesNotHaveIsAClearErrorNotAnEmptyFeature() {
        // a misspelt attribute used to give every launch the same (missing) value: a cohort curve equal to the
        // global one, an analog weight on nothing, and no word of it anywhere
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [color]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attributes: color is not an attribute of dataset shop")
                .hasMessageContaining("[colour, name, pack]");
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [colour]\nbaselines:\n  knnAttributes: [size]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselines.knnAttributes: size is not an attribute of dataset shop");
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [colour]\nbaselines:\n  cohortAttribute: size"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselines.cohortAttribute: size is not an attribute of dataset shop");
        // free text listed as a category: each product's whole name a category of its own, unseen for every new one
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [colour, name]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attributes: name is a free-text attribute of dataset shop: the analogs and the "
                        + "features read its words without it being listed; list categorical attributes only (its "
                        + "mapping's: [colour])");
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [colour]\nbaselines:\n  knnAttributes: [pack]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselines.knnAttributes: pack is a numeric attribute of dataset shop: it is the "
                        + "feature num.pack without being listed");
        assertThatThrownBy(() -> evaluation("2024-09-01", "attributes: [colour]\nfeatures:\n  signalFamily: trends"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features.signalFamily: dataset shop has no signal trends (its signals: [])");
    }

    @Test
    void aSplitThatLeavesNothingToFitOnIsAClearErrorNotAReportOfZeros() throws Exception {
        // the first launch's horizon ends four weeks after 2024-01-01
        assertThatThrownBy(() -> evaluation("2024-01-20").splitLaunches(1000, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split.cutoff 2024-01-20: no launch's 4 periods ended by it")
                .hasMessageContaining("the first launch is on 2024-01-01");
        AccuracyEvaluation byColumn = new AccuracyEvaluation(splitByColumn("fitValue: training"), dataset());
        assertThatThrownBy(() -> byColumn.splitLaunches(1000, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split: no launch with a complete horizon has split training to fit on");
    }

    private AccuracyEvaluation evaluation(String cutoff) throws Exception {
        return evaluation(cutoff, "attributes: [colour]");
    }

    /** 300 launches, one a day from 2024-01-01, four weekly sales each, attribute colour. */
    private static CuratedDataset dataset() {
        List<Product> products = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 300; i++) {
            Product p = new Product(String.format("p%03d", i), first.plusDays(i), null, null, null,
                    Map.of("colour", i % 2 == 0 ? "red" : "blue"));
            products.add(p);
            for (int h = 0; h < 4; h++) {
                sales.add(new SalesRecord(p.id(), "all", p.launchDate().plusWeeks(h), 10 - h));
            }
        }
        return new CuratedDataset(new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.LAUNCH,
                List.of("colour", "name", "pack"), List.of("name"), List.of("pack"), "ab".repeat(32)), products, sales,
                List.of());
    }

    private AccuracyEvaluation evaluation(String cutoff, String attributes) throws Exception {
        CuratedDataset dataset = dataset();
        Path config = dir.resolve("training.yml");
        Files.writeString(config, """
                horizon: 4
                %s
                split:
                  cutoff: %s
                model:
                  seed: 7
                """.formatted(attributes, cutoff));
        return new AccuracyEvaluation(AccuracyConfig.read(config), dataset);
    }

    @Test
    void aCutoffAfterEveryScorableLaunchIsReportedAsNothingToScoreNotAsATableOfNaN() throws Exception {
        // the last launch is on 2024-10-26: nothing launches on or after the cutoff
        AccuracyEvaluation.Report report = evaluation("2024-12-02").split();

        assertThat(report.rows()).isEmpty();
        assertThat(report.description()).contains("0 test launches").contains("nothing to score");
        assertThat(report.learned()).singleElement().satisfies(l -> assertThat(l).containsKey("skipped"));
        StringBuilder md = new StringBuilder();
        AccuracyReportCommand.markdown(report, AccuracyConfig.read(dir.resolve("training.yml")), md);
        assertThat(md.toString()).contains("nothing to score").doesNotContain("NaN");
    }

    @Test
    void aSmallDataRunWithoutTestLaunchesOrAMisspeltTestValueSaysWhyThereIsNothingToScore() throws Exception {
        AccuracyEvaluation.Report small = evaluation("2024-12-02").smallData(200);

        assertThat(small.rows()).isEmpty();
        assertThat(small.description()).contains("0 test launches")
                .contains("no launch on or after 2024-12-02 has its whole horizon in the data");
        CuratedDataset dataset = dataset();
        List<Product> withSplit = dataset.products().stream().map(p -> new Product(p.id(), p.launchDate(), null,
                null, p.launchDate().getDayOfYear() > 250 ? "test" : "train", p.attributes())).toList();
        AccuracyEvaluation byColumn = new AccuracyEvaluation(splitByColumn("fitValue: train\n  testValue: tset"),
                new CuratedDataset(dataset.manifest(), withSplit, dataset.sales(), dataset.signals()));

        assertThat(byColumn.split().description())
                .contains("no launch with a complete horizon has split tset (the products' split values: [test, train])");
    }

    /** A configuration splitting by the products' split column, with {@code values} (YAML under {@code split}). */
    private AccuracyConfig splitByColumn(String values) throws Exception {
        Path config = dir.resolve("by-column.yml");
        Files.writeString(config, """
                horizon: 4
                attributes: [colour]
                split:
                  column: split
                  %s
                """.formatted(values));
        return AccuracyConfig.read(config);
    }

    @Test
    void theAccuracyCommandsSplitTrainsOnSamplesAboveItsMaximaAsThePipelineDoes() throws Exception {
        evaluation(); // writes training.yml
        AccuracyConfig config = AccuracyConfig.read(dir.resolve("training.yml"));

        AccuracyEvaluation.Report sampled = new AccuracyEvaluation(config, dataset(), 100, 20).split();

        assertThat(sampled.description())
                .contains("features computed on every launch, models drawing on the sampled launches")
                .contains("(100 fit, 20 test launches; trained on a sample of 100 of 217 fit launches")
                .contains("scored on a sample of 20 of 56 test launches");
        // unbounded: every launch whose four weeks ended by the cutoff (2024-01-01..08-04) and every later one
        assertThat(new AccuracyEvaluation(config, dataset()).split().description())
                .doesNotContain("sampled").contains("(217 fit, 56 test launches)");
        assertThatThrownBy(() -> new AccuracyEvaluation(config, dataset(), 0, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void theBacktestAndTheSmallDataRunAreSampledAboveTheMaximaToo() throws Exception {
        // unsampled, a large version's backtest trained each origin on every launch before it, and computed
        // features for every launch in the history
        evaluation("2024-09-01", "attributes: [colour]\nbacktest:\n  origins: 2\n  step: 4");
        AccuracyConfig config = AccuracyConfig.read(dir.resolve("training.yml"));

        AccuracyEvaluation.Report all = new AccuracyEvaluation(config, dataset()).backtest();
        AccuracyEvaluation.Report sampled = new AccuracyEvaluation(config, dataset(), 100, 10).backtest();

        assertThat(all.description()).isEqualTo("2 origins 4 weeks apart, 56 launches scored");
        assertThat(all.learned()).extracting(l -> l.get("fit")).containsExactly(217, 245);
        assertThat(sampled.description()).isEqualTo("2 origins 4 weeks apart, 20 launches scored (each origin "
                + "trained on at most 100 and scored on at most 10 launches, time-stratified samples, features computed on "
                + "every launch, models drawing on the sampled launches)");
        assertThat(sampled.learned()).extracting(l -> l.get("fit"), l -> l.get("fitLaunches"), l -> l.get("test"),
                l -> l.get("testLaunches")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(100, 217, 10, 28),
                        org.assertj.core.groups.Tuple.tuple(100, 245, 10, 28));

        AccuracyEvaluation.Report small = new AccuracyEvaluation(config, dataset(), 100, 20).smallData(50);
        assertThat(small.description()).contains("models and features drawing on the sampled launches")
                .contains("trained on 50 of the 217 fit launches (a sample of 20 of 56 test "
                + "launches (time-stratified, seeded))");
    }

    @Test
    void aSampledSplitsFeaturesAreComputedOnEveryLaunchAsTheFeatureStoreComputesThoseThePipelineTrainsOn() throws Exception {
        // the command rebuilt the history from the sampled launches and computed their features on it, so its
        // figure for a large version was not the pipeline's (65.03 against 60.63 WAPE on 105,000 articles)
        evaluation(); // writes training.yml
        AccuracyConfig config = AccuracyConfig.read(dir.resolve("training.yml"));
        AccuracyEvaluation.SplitData all = new AccuracyEvaluation(config, dataset()).splitData();
        Map<String, LaunchFeatures> unsampled = new HashMap<>();
        all.fit().forEach(e -> unsampled.put(e.product().id(), e.features()));
        all.test().forEach(e -> unsampled.put(e.product().id(), e.features()));

        AccuracyEvaluation.SplitData sampled = new AccuracyEvaluation(config, dataset(), 50, 10).splitData();

        assertThat(sampled.fit()).hasSize(50);
        assertThat(sampled.test()).hasSize(10);
        assertThat(sampled.fit()).allSatisfy(e -> assertThat(e.features()).isEqualTo(unsampled.get(e.product().id())));
        assertThat(sampled.test()).allSatisfy(e -> assertThat(e.features()).isEqualTo(unsampled.get(e.product().id())));
        // the models still draw on the sampled launches only
        assertThat(sampled.history().asOf(LocalDate.of(2025, 1, 1)).past()).hasSize(60);
    }

    @Test
    void theTableGivesTheWeightedQuantileLossOfEachLevelBesideTheirMean() throws Exception {
        AccuracyEvaluation.Report report = evaluation().split();

        StringBuilder md = new StringBuilder();
        AccuracyReportCommand.markdown(report, AccuracyConfig.read(dir.resolve("training.yml")), md);

        assertThat(md.toString()).contains("| mean wQL | wQL p10 / p50 / p90 |");
        for (AccuracyEvaluation.Row row : report.rows()) {
            Map<Double, Double> wql = row.metrics().wql();
            assertThat(md.toString()).contains(String.format(java.util.Locale.ROOT, "| %.3f | %.3f / %.3f / %.3f |",
                    row.metrics().meanWql(), wql.get(0.1), wql.get(0.5), wql.get(0.9)));
        }
    }

    @Test
    void theTableSaysHowFarTheRegisteredModelIsFromTheBestBaseline() throws Exception {
        AccuracyEvaluation.Report report = evaluation().split();

        assertThat(report.rows()).filteredOn(AccuracyEvaluation.Row::baseline)
                .extracting(AccuracyEvaluation.Row::model)
                .containsExactly("mean-curve", "median-curve", "colour-mean-curve", "attribute-knn-11");
        AccuracyEvaluation.Row best = report.rows().stream().filter(AccuracyEvaluation.Row::baseline)
                .min(java.util.Comparator.comparingDouble(r -> r.metrics().wape())).orElseThrow();
        double registered = report.rows().stream().filter(r -> r.model().equals("ensemble")).findFirst()
                .orElseThrow().metrics().wape();
        double relative = 100 * (best.metrics().wape() - registered) / best.metrics().wape();
        StringBuilder md = new StringBuilder();
        AccuracyReportCommand.markdown(report, AccuracyConfig.read(dir.resolve("training.yml")), md);

        assertThat(md.toString()).contains(String.format(java.util.Locale.ROOT,
                "Registered WAPE %.2f: %.1f %% %s the best baseline's (%s, %.2f).", registered, Math.abs(relative),
                relative >= 0 ? "below" : "above", best.model(), best.metrics().wape()));
    }

    @Test
    void theTableSaysWhichCandidateValidationChoseAndWhy() throws Exception {
        AccuracyEvaluation.Report report = evaluation().split();
        String reason = String.valueOf(report.learned().get(0).get("selection.reason"));

        StringBuilder md = new StringBuilder();
        AccuracyReportCommand.markdown(report, AccuracyConfig.read(dir.resolve("training.yml")), md);

        assertThat(reason).startsWith(report.learned().get(0).get("selection.chosen") + ": ")
                .contains("lowest validation WAPE");
        assertThat(md.toString()).contains("Chosen on validation: " + reason + "; "
                + report.learned().get(0).get("intervals.reason"));
        assertThat(String.valueOf(report.learned().get(0).get("intervals.reason"))).startsWith("intervals: ")
                .contains("validation wQL");
    }

    @Test
    void aSplitAboveTheMaximaKeepsSamplesOfFitAndTestAndTheirCurvesAlone() throws Exception {
        AccuracyEvaluation evaluation = evaluation();
        AccuracyEvaluation.SplitLaunches all = evaluation.splitLaunches(Integer.MAX_VALUE, Integer.MAX_VALUE);

        AccuracyEvaluation.SplitLaunches sampled = evaluation.splitLaunches(50, 10);

        assertThat(all.fitSample().sampled()).isFalse();
        assertThat(sampled.fit()).hasSize(50);
        assertThat(sampled.test()).hasSize(10);
        assertThat(sampled.fitSample()).isEqualTo(new LaunchSample(50, all.fit().size()));
        assertThat(sampled.testSample()).isEqualTo(new LaunchSample(10, all.test().size()));
        assertThat(ids(all.fit())).containsAll(ids(sampled.fit()));
        assertThat(ids(all.test())).containsAll(ids(sampled.test()));
        // the models draw on the sampled launches only, and only theirs are curves: one of every launch of a
        // million was about what a serving model holds, built again beside one when the monitor retrains
        assertThat(sampled.history().curves()).hasSize(60)
                .allSatisfy(c -> assertThat(sampled.productIds()).contains(c.product().id()));
        assertThat(sampled.fit()).allSatisfy(c -> assertThat(sampled.history().curve(c.product().id())).isSameAs(c)
                .extracting(LaunchCurve::units).isEqualTo(new double[] {10, 9, 8, 7}));
        assertThat(all.history().curves()).hasSize(300);
        assertThat(sampled.history().asOf(LocalDate.of(2025, 1, 1)).past()).hasSize(60);
        assertThat(all.history().asOf(LocalDate.of(2025, 1, 1)).past()).hasSize(300);
        assertThat(ids(evaluation.splitLaunches(50, 10).fit())).isEqualTo(ids(sampled.fit()));
    }

    @Test
    void givenFeaturesAreNeededForTheSampledLaunchesOnly() throws Exception {
        AccuracyEvaluation evaluation = evaluation();
        AccuracyEvaluation.SplitLaunches sampled = evaluation.splitLaunches(20, 5);
        Map<String, LaunchFeatures> given = new HashMap<>();
        for (String id : sampled.productIds()) {
            given.put(id, new LaunchFeatures(id, LocalDate.of(2024, 1, 1), Map.of("colour", "red"), Map.of(), null,
                    null, evaluation.splitDefinitions().hash()));
        }

        AccuracyEvaluation.SplitData split = evaluation.splitData(sampled, given);

        assertThat(split.fit()).hasSize(20).allSatisfy(e -> assertThat(e.features()).isNotNull());
        assertThat(split.test()).hasSize(5);
        assertThat(split.fitSample().describe("fit")).startsWith("a sample of 20 of ");
        given.remove(sampled.fit().get(0).product().id());
        assertThatThrownBy(() -> evaluation.splitData(sampled, given)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lack 1 of the split's 25 launches");
    }

    private static List<String> ids(List<LaunchCurve> curves) {
        return curves.stream().map(c -> c.product().id()).toList();
    }
}
