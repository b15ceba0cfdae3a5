package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every feature, bit for bit, of generated histories under several definitions and orders of as-of dates, against
 * digests recorded from the from-scratch snapshot code: a change in how snapshots are built may change their
 * cost, never a feature. A digest that moves means features changed: if that is intended, the definitions'
 * version must move too.
 */
class FeatureDigestTest {

    @Test
    void aSyncInLaunchOrderWithTheTrainSplitAsHistory() {
        CuratedDataset dataset = VariedHistories.of(3_000, Period.WEEK, PeriodAnchor.LAUNCH, 7);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), 12);
        LaunchHistory history = LaunchHistory.of(dataset, definitions, p -> "train".equals(p.split()));
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history, SignalHistory.of(dataset, "trend"),
                new LaunchPlan(dataset.products(), definitions), 2);
        List<LaunchFeatures> features = new ArrayList<>();
        for (Product p : inLaunchOrder(dataset.products())) {
            features.add(computer.compute(p, p.launchDate()));
        }
        assertThat(VariedHistories.digest(features)).isEqualTo("36d9aa1bc9bc783dd3474281732d07c520b05459d12c980a87d7310667feffc0");
    }

    @Test
    void monthlyCalendarPeriodsWithTheLaunchPlanAndGivenCurvesAtShuffledDates() {
        CuratedDataset dataset = VariedHistories.of(2_500, Period.MONTH, PeriodAnchor.CALENDAR, 11);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), 6).withLaunchPlan(true)
                .withKnowledge(FeatureDefinitions.Knowledge.LAUNCHED);
        LaunchHistory history = LaunchHistory.of(dataset, definitions, p -> true);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history, SignalHistory.of(dataset, "trend"),
                new LaunchPlan(dataset.products(), definitions));
        assertThat(VariedHistories.digest(atShuffledDates(computer, dataset.products(), 5)))
                .isEqualTo("fdcd9ab6484cae40b37d3c8fd3a11d6f3eb70a54add4f1756ea34f6a55671e88");
    }

    @Test
    void servingAtArbitraryDatesAndWhatForecastsReadOfSnapshots() {
        CuratedDataset dataset = VariedHistories.of(2_000, Period.WEEK, PeriodAnchor.CALENDAR, 23);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), 8);
        LaunchHistory history = LaunchHistory.of(dataset, definitions, p -> !"test".equals(p.split()));
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history, SignalHistory.of(dataset, "trend"));
        assertThat(VariedHistories.digest(atShuffledDates(computer, dataset.products(), 9))).isEqualTo("c0d82da42bf6b115ea4d44d4e090cf7c01a6079de1f50913edc521a340a8ae35");

        Random random = new Random(3);
        List<Product> products = dataset.products();
        MessageDigest sha = sha256();
        for (int i = 0; i < 60; i++) {
            Product p = products.get(random.nextInt(products.size()));
            LocalDate asOf = p.launchDate().plusDays(random.nextInt(400) - 100);
            LaunchHistory.Snapshot snapshot = history.asOf(asOf);
            StringBuilder s = new StringBuilder(asOf.toString());
            for (PastLaunch past : snapshot.past()) {
                s.append('|').append(past.curve().product().id()).append(':').append(past.knownPeriods()).append(':')
                        .append(Double.doubleToRawLongBits(past.relativeLevel())).append(':')
                        .append(snapshot.ageInPeriods(past)).append(':').append(snapshot.recencyWeight(past));
            }
            for (double v : snapshot.meanCurve()) {
                s.append('|').append(Double.doubleToRawLongBits(v));
            }
            for (int c : snapshot.cellCounts()) {
                s.append('|').append(c);
            }
            for (double v : snapshot.filledCurves().rows()) {
                s.append('|').append(Double.doubleToRawLongBits(v));
            }
            AttributeIndex index = snapshot.attributeIndex();
            long[][] matching = index.matching(p, definitions.attributes());
            int[] nearest = new int[Math.min(50, index.size())];
            int[] counts = new int[nearest.length];
            int found = index.collectByMatchCount(matching, nearest, counts);
            for (int k = 0; k < found; k++) {
                s.append('|').append(nearest[k]).append('x').append(counts[k]);
            }
            int[] group = new int[index.size()];
            for (int mask = 0; mask < 1 << matching.length; mask++) {
                int n = index.collectGroup(matching, mask, group, 0, group.length);
                s.append("|g").append(n).append(':').append(n == 0 ? -1 : group[n - 1]);
            }
            for (String key : List.of(LaunchHistory.Snapshot.groupKey("colour", "red", null, null),
                    LaunchHistory.Snapshot.groupKey("category", "coat", "fabric", "wool"))) {
                snapshot.group(key).forEach(past -> s.append('|').append(past.curve().product().id()));
            }
            TextIndex text = TextIndex.of(snapshot.past(), "description");
            List<String> words = TextIndex.words(p.attribute("description"));
            for (double v : text.similarities(words)) {
                s.append('|').append(Double.doubleToRawLongBits(v));
            }
            TextIndex.Nearest nearestWords = text.nearest(words, 11);
            for (int n : nearestWords.launches()) {
                s.append('|').append(n);
            }
            s.append(Arrays.stream(nearestWords.similarities()).boxed().toList());
            sha.update(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo("94dbb2c28b9ffdd07dd679fa703b68abbfc13f51c54d80e44f78e4024127bfed");
    }

    /** Each product at its launch date and at {@code extra} more dates around it, in a shuffled order. */
    static List<LaunchFeatures> atShuffledDates(LaunchFeatureComputer computer, List<Product> products, long seed) {
        Random random = new Random(seed);
        List<Object[]> asks = new ArrayList<>();
        for (Product p : products) {
            asks.add(new Object[] {p, p.launchDate()});
            if (random.nextInt(4) == 0) {
                asks.add(new Object[] {p, p.launchDate().plusDays(random.nextInt(900) - 300)});
            }
        }
        Collections.shuffle(asks, random);
        List<LaunchFeatures> features = new ArrayList<>();
        for (Object[] ask : asks) {
            features.add(computer.compute((Product) ask[0], (LocalDate) ask[1]));
        }
        return features;
    }

    static List<Product> inLaunchOrder(List<Product> products) {
        List<Product> sorted = new ArrayList<>(products);
        sorted.sort(java.util.Comparator.comparing(Product::launchDate).thenComparing(Product::id));
        return sorted;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
