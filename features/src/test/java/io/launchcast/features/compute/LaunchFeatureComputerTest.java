package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.features.dataset.SignalRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchFeatureComputerTest {

    private static final int HORIZON = 6;

    private static LaunchFeatures featuresOf(CuratedDataset dataset, String productId) {
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), HORIZON);
        LaunchHistory history = LaunchHistory.of(dataset, definitions, p -> true);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history, SignalHistory.of(dataset, "trend"));
        Product product = history.curve(productId).product();
        return computer.compute(product, product.launchDate());
    }

    @Test
    void featuresAsOfLaunchIgnoreEverySalesAndSignalPeriodThatEndsAfterIt() {
        CuratedDataset dataset = SyntheticLaunches.weekly(200, HORIZON, 7);
        Product target = dataset.products().get(150);
        LocalDate d = target.launchDate();

        // plant a different future: every sales period and signal period not ended by D changes wildly,
        // and launches after D appear with huge sales
        List<SalesRecord> sales = new ArrayList<>();
        for (SalesRecord s : dataset.sales()) {
            boolean endedByD = !s.periodStart().plusWeeks(1).isAfter(d);
            sales.add(endedByD ? s : new SalesRecord(s.productId(), s.region(), s.periodStart(), s.units() * 17 + 5));
        }
        List<SignalRecord> signals = new ArrayList<>();
        for (SignalRecord s : dataset.signals()) {
            boolean endedByD = !s.periodStart().plusWeeks(1).isAfter(d);
            signals.add(endedByD ? s : new SignalRecord(s.signal(), s.term(), s.periodStart(), 999.0));
        }
        CuratedDataset alteredFuture = new CuratedDataset(dataset.manifest(), dataset.products(), sales, signals);

        LaunchFeatures original = featuresOf(dataset, target.id());
        LaunchFeatures altered = featuresOf(alteredFuture, target.id());

        assertThat(altered.numeric()).isEqualTo(original.numeric());
        assertThat(altered.categorical()).isEqualTo(original.categorical());
        assertThat(original.latestSalesPeriodEnd()).isNotNull().isBeforeOrEqualTo(d);
        assertThat(original.latestSignalPeriodEnd()).isNotNull().isBeforeOrEqualTo(d);
        // the cohort and trend features exist, so the equality above is not vacuous
        assertThat(original.numeric()).containsKeys("cohort.colour.level", "analog.k11.level", "signal.colour.level",
                "global.level.recent");
    }

    @Test
    void onlyTheFirstAttributesArePairedIntoCohortsSoPairsDoNotGrowWithTheSquareOfTheAttributes() {
        List<String> attributes = java.util.stream.IntStream.range(0, 9).mapToObj(i -> "a" + i).toList();
        List<Product> products = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        LocalDate start = LocalDate.of(2022, 1, 3);
        for (int i = 0; i < 60; i++) {
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (String a : attributes) {
                values.put(a, "v" + (i + a.hashCode()) % 3);
            }
            Product p = new Product("p" + i, start.plusWeeks(i / 4), null, null, null, values);
            products.add(p);
            for (int h = 0; h < HORIZON; h++) {
                sales.add(new SalesRecord(p.id(), "all", p.launchDate().plusWeeks(h), 5 + i % 7));
            }
        }
        CuratedDataset dataset = new CuratedDataset(new io.launchcast.features.dataset.DatasetManifest("wide", "1",
                io.launchcast.features.dataset.Period.WEEK, io.launchcast.features.dataset.PeriodAnchor.LAUNCH,
                attributes, "0".repeat(64)), products, sales, List.of());

        LaunchFeatures features = featuresOf(dataset, "p59");

        long pairs = features.numeric().keySet().stream().filter(n -> n.matches("cohort\\.a\\d&a\\d\\.level"))
                .count();
        assertThat(pairs).isEqualTo(FeatureDefinitions.MOST_PAIRED_ATTRIBUTES * (FeatureDefinitions.MOST_PAIRED_ATTRIBUTES - 1) / 2);
        assertThat(features.numeric()).containsKeys("cohort.a0&a5.level", "cohort.a8.level")
                .doesNotContainKeys("cohort.a0&a6.level", "cohort.a7&a8.level");
    }

    @Test
    void changingASalesPeriodThatEndedBeforeLaunchChangesTheFeatures() {
        CuratedDataset dataset = SyntheticLaunches.weekly(200, HORIZON, 7);
        Product target = dataset.products().get(150);
        Product earlier = dataset.products().get(100);
        List<SalesRecord> sales = new ArrayList<>();
        for (SalesRecord s : dataset.sales()) {
            sales.add(s.productId().equals(earlier.id()) ? new SalesRecord(s.productId(), s.region(), s.periodStart(),
                    s.units() + 500) : s);
        }
        CuratedDataset changedPast = new CuratedDataset(dataset.manifest(), dataset.products(), sales,
                dataset.signals());

        assertThat(featuresOf(changedPast, target.id()).numeric())
                .isNotEqualTo(featuresOf(dataset, target.id()).numeric());
    }

    @Test
    void missingSignalValuesAreCountedNotInvented() {
        CuratedDataset dataset = SyntheticLaunches.weekly(200, HORIZON, 7);
        Product blue = dataset.products().stream().filter(p -> p.attribute("colour").equals("blue"))
                .skip(20).findFirst().orElseThrow();
        Product green = dataset.products().stream().filter(p -> p.attribute("colour").equals("green"))
                .skip(20).findFirst().orElseThrow();

        LaunchFeatures blueFeatures = featuresOf(dataset, blue.id());
        LaunchFeatures greenFeatures = featuresOf(dataset, green.id());

        assertThat(blueFeatures.numeric().get("signal.colour.missing")).isGreaterThanOrEqualTo(10.0);
        assertThat(blueFeatures.numeric().get("signal.colour.available")).isEqualTo(1.0);
        // no series for the term at all: flagged, and no level is made up
        assertThat(greenFeatures.numeric().get("signal.colour.available")).isEqualTo(0.0);
        assertThat(greenFeatures.numeric()).doesNotContainKey("signal.colour.level");
    }

    @Test
    void aLaunchWithoutHistoryHasNoCohortFeatures() {
        CuratedDataset dataset = SyntheticLaunches.weekly(50, HORIZON, 3);

        LaunchFeatures first = featuresOf(dataset, dataset.products().get(0).id());

        assertThat(first.numeric().get("global.count")).isEqualTo(0.0);
        assertThat(first.numeric()).doesNotContainKey("cohort.colour.level");
        assertThat(first.latestSalesPeriodEnd()).isNull();
    }

    @Test
    void definitionsHashChangesWithAnyParameter() {
        CuratedDataset dataset = SyntheticLaunches.weekly(10, HORIZON, 3);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), HORIZON);

        assertThat(definitions.hash()).isEqualTo(FeatureDefinitions.forDataset(dataset.manifest(), HORIZON).hash())
                .isNotEqualTo(FeatureDefinitions.forDataset(dataset.manifest(), HORIZON + 1).hash())
                .isNotEqualTo(definitions.withAttributes(List.of("colour")).hash())
                .isNotEqualTo(definitions.withLaunchPlan(true).hash());
    }

    @Test
    void aPriceIsComparedWithWhatEarlierLaunchesOfItsCohortAndOfAllCost() {
        // colours have their price levels (red 10, blue 20, green 40); the product asked about is blue at 80
        CuratedDataset plain = SyntheticLaunches.weekly(200, HORIZON, 7);
        java.util.Map<String, Double> priceOf = java.util.Map.of("red", 10.0, "blue", 20.0, "green", 40.0);
        String asked = plain.products().get(150).id();
        List<Product> priced = plain.products().stream().map(p -> new Product(p.id(), p.launchDate(), p.region(),
                p.id().equals(asked) ? Double.valueOf(80) : priceOf.get(p.attribute("colour")), p.split(),
                p.attributes())).toList();
        CuratedDataset dataset = new CuratedDataset(plain.manifest(), priced, plain.sales(), plain.signals());
        assertThat(priced.get(150).attribute("colour")).isEqualTo("blue");

        java.util.Map<String, Double> numeric = featuresOf(dataset, asked).numeric();

        double median = numeric.get("global.price_relative") - Math.log(80);
        assertThat(-median).as("median log price of earlier launches").isIn(Math.log(10), Math.log(20),
                Math.log(40));
        assertThat(numeric.get("cohort.colour.log_price")).as("blue launches cost 20, a little shrunk")
                .isCloseTo(Math.log(20), org.assertj.core.data.Offset.offset(0.1));
        assertThat(numeric.get("cohort.colour.price_relative")).as("four times its cohort")
                .isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(0.1));
        assertThat(featuresOf(plain, asked).numeric()).as("no prices, no price features")
                .doesNotContainKeys("global.price_relative", "cohort.colour.price_relative", "cohort.colour.log_price");
    }
}
