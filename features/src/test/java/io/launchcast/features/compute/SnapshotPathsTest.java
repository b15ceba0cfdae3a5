package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What was known at a date does not depend on how it was reached: a sync asking in launch order (keeping two
 * dates), serving asking at dates out of order (keeping many, sharing what was known after the last fact), and
 * a snapshot built from scratch for the date give the same snapshot and the same features, on a history with
 * several attributes, free text, numbers, signals and the launch plan.
 */
class SnapshotPathsTest {

    @Test
    void featuresInLaunchOrderEqualFeaturesAtShuffledDatesAndSnapshotsBuiltFromScratch() {
        CuratedDataset dataset = VariedHistories.of(1_500, Period.WEEK, PeriodAnchor.CALENDAR, 5);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), 10).withLaunchPlan(true);
        LaunchPlan plan = new LaunchPlan(dataset.products(), definitions);
        SignalHistory signals = SignalHistory.of(dataset, "trend");
        LaunchHistory syncHistory = LaunchHistory.of(dataset, definitions, p -> true);
        LaunchFeatureComputer sync = new LaunchFeatureComputer(syncHistory, signals, plan, 2);
        LaunchHistory servingHistory = LaunchHistory.of(dataset, definitions, p -> true);
        LaunchFeatureComputer serving = new LaunchFeatureComputer(servingHistory, signals, plan);

        Map<String, LaunchFeatures> inOrder = new HashMap<>();
        for (Product p : FeatureDigestTest.inLaunchOrder(dataset.products())) {
            inOrder.put(p.id(), sync.compute(p, p.launchDate()));
        }
        List<Product> shuffled = new ArrayList<>(dataset.products());
        Collections.shuffle(shuffled, new Random(8));
        for (Product p : shuffled) {
            LaunchFeatures features = serving.compute(p, p.launchDate());
            assertThat(features).as(p.id()).isEqualTo(inOrder.get(p.id()));
        }
        assertThat(inOrder.values()).anySatisfy(f -> assertThat(f.numeric()).containsKeys(
                "text.description.word_level", "cohort.category&colour.p75", "analog.k11.level", "plan.launches",
                "signal.colour.level", "global.level.seasonal", "num.size"));

        Random random = new Random(9);
        LocalDate first = dataset.products().get(0).launchDate();
        for (int i = 0; i < 80; i++) {
            LocalDate date = first.plusDays(random.nextInt(1_200) - 30);
            LaunchHistory.Snapshot cached = servingHistory.asOf(date);
            LaunchHistory.Snapshot scratch = servingHistory.builtAt(date);
            assertThat(cached.past()).as("%s", date).isEqualTo(scratch.past());
            assertThat(cached.meanCurve()).containsExactly(scratch.meanCurve());
            assertThat(cached.cellCounts()).containsExactly(scratch.cellCounts());
            assertThat(cached.filledCurves().rows()).containsExactly(scratch.filledCurves().rows());
            assertThat(cached.latestKnownPeriodEnd()).isEqualTo(scratch.latestKnownPeriodEnd());
            for (String colour : List.of("red", "blue", "black")) {
                String key = LaunchHistory.Snapshot.groupKey("colour", colour, "fabric", "wool");
                assertThat(cached.group(key)).isEqualTo(scratch.group(key));
            }
            for (int j = 0; j < cached.size(); j++) {
                PastLaunch p = scratch.past().get(j);
                assertThat(cached.curve(j)).isSameAs(p.curve());
                assertThat(cached.level(j)).isEqualTo(p.relativeLevel());
                assertThat(cached.knownPeriods(j)).isEqualTo(p.knownPeriods());
                assertThat(cached.firstPeriodUnits(j)).isEqualTo(p.curve().units()[0]);
            }
        }
    }
}
