package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bit-set searches against a launch-by-launch comparison of the attribute strings. */
class AttributeIndexTest {

    private static final List<String> INDEXED = List.of("colour", "fabric", "finish");

    /**
     * 300 launches, two or three per day (ties of date), with a common attribute, one with a frequent value
     * and many rare ones (rare values are kept as index lists, not bit sets), one missing on a third of the
     * launches and one ("trim") that the definitions do not index.
     */
    private static LaunchHistory history() {
        Random random = new Random(11);
        LocalDate start = LocalDate.of(2021, 3, 1);
        List<Product> products = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("colour", List.of("red", "blue", "green").get(random.nextInt(3)));
            attributes.put("fabric", random.nextBoolean() ? "cotton" : "f" + random.nextInt(40));
            if (random.nextInt(3) != 0) {
                attributes.put("finish", random.nextBoolean() ? "matte" : "gloss");
            }
            attributes.put("trim", random.nextInt(4) == 0 ? "lace" : "plain");
            Product p = new Product("p" + i, start.plusDays(i * 2L / 5), null, null, null, attributes);
            products.add(p);
            for (int h = 0; h < 4; h++) {
                sales.add(new SalesRecord(p.id(), "all", p.launchDate().plusWeeks(h), 1 + random.nextInt(9)));
            }
        }
        CuratedDataset dataset = new CuratedDataset(new DatasetManifest("synthetic", "1", Period.WEEK,
                PeriodAnchor.LAUNCH, INDEXED, "0".repeat(64)), products, sales, List.of());
        return LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 4), p -> true);
    }

    /** Products to search for: existing ones, one lacking attributes, one with values never seen. */
    private static List<Product> probes(LaunchHistory history) {
        List<Product> probes = new ArrayList<>();
        for (String id : List.of("p299", "p150", "p7", "p42")) {
            probes.add(history.curve(id).product());
        }
        probes.add(new Product("lacking", LocalDate.of(2022, 1, 1), null, null, null, Map.of("fabric", "cotton")));
        probes.add(new Product("unseen", LocalDate.of(2022, 1, 1), null, null, null,
                Map.of("colour", "red", "fabric", "silk", "finish", "chrome", "trim", "velvet")));
        probes.add(new Product("rare", LocalDate.of(2022, 1, 1), null, null, null,
                Map.of("colour", "blue", "fabric", "f3", "finish", "gloss", "trim", "lace")));
        return probes;
    }

    /** Snapshots of 0 to 300 launches, across and on word boundaries. */
    private static List<LaunchHistory.Snapshot> snapshots(LaunchHistory history) {
        List<LaunchHistory.Snapshot> snapshots = new ArrayList<>();
        for (int days = 0; days <= 140; days += 3) {
            snapshots.add(history.asOf(LocalDate.of(2021, 3, 1).plusDays(days)));
        }
        assertThat(snapshots.stream().map(s -> s.past().size()))
                .contains(0).anyMatch(n -> n > 64 && n % 64 != 0).anyMatch(n -> n > 200);
        return snapshots;
    }

    private static int referenceMask(PastLaunch launch, Product product, List<String> attributes) {
        int mask = 0;
        for (int i = 0; i < attributes.size(); i++) {
            String value = product.attribute(attributes.get(i));
            if (value != null && value.equals(launch.curve().product().attribute(attributes.get(i)))) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    @Test
    void everyGroupHoldsTheLaunchesThatMatchExactlyItsAttributesMostRecentFirst() {
        LaunchHistory history = history();
        int checked = 0;
        for (List<String> attributes : List.of(INDEXED, List.of("finish", "trim", "colour", "fabric"))) {
            for (LaunchHistory.Snapshot snapshot : snapshots(history)) {
                AttributeIndex index = snapshot.attributeIndex();
                for (Product product : probes(history)) {
                    long[][] matching = index.matching(product, attributes);
                    int[] masks = snapshot.past().stream()
                            .mapToInt(p -> referenceMask(p, product, attributes)).toArray();
                    for (int mask = 0; mask < 1 << attributes.size(); mask++) {
                        int m = mask;
                        int[] expected = IntStream.range(0, masks.length).filter(j -> masks[j] == m).toArray();
                        int[] all = new int[snapshot.past().size()];
                        int n = index.collectGroup(matching, mask, all, 0, all.length);
                        assertThat(Arrays.copyOf(all, n)).as("mask %d of %s", mask, product.id()).isEqualTo(expected);
                        // appended after what is there, cut at the limit
                        int[] some = new int[10];
                        Arrays.fill(some, -7);
                        int end = index.collectGroup(matching, mask, some, 3, 8);
                        assertThat(end).isEqualTo(3 + Math.min(5, expected.length));
                        assertThat(Arrays.copyOfRange(some, 3, end)).isEqualTo(Arrays.copyOf(expected, end - 3));
                        assertThat(some[0]).isEqualTo(-7);
                        assertThat(some[end]).isEqualTo(-7);
                        checked += expected.length;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void launchesRankByHowManyAttributesMatchThenMostRecentFirst() {
        LaunchHistory history = history();
        for (List<String> attributes : List.of(INDEXED, List.of("trim", "fabric"), List.of("colour"))) {
            for (LaunchHistory.Snapshot snapshot : snapshots(history)) {
                AttributeIndex index = snapshot.attributeIndex();
                for (Product product : probes(history)) {
                    int[] counts = snapshot.past().stream()
                            .mapToInt(p -> Integer.bitCount(referenceMask(p, product, attributes))).toArray();
                    Integer[] expected = IntStream.range(0, counts.length).boxed().toArray(Integer[]::new);
                    Arrays.sort(expected, Comparator.comparingInt((Integer j) -> -counts[j])); // stable
                    for (int n : new int[] {snapshot.past().size(), 11, 1}) {
                        int[] indices = new int[Math.min(n, snapshot.past().size())];
                        int[] matches = new int[indices.length];
                        int found = index.collectByMatchCount(index.matching(product, attributes), indices, matches);
                        assertThat(found).isEqualTo(indices.length);
                        int[] want = Arrays.stream(expected).limit(found).mapToInt(Integer::intValue).toArray();
                        assertThat(indices).as("%s among %d", product.id(), counts.length).isEqualTo(want);
                        assertThat(matches).isEqualTo(Arrays.stream(want).map(j -> counts[j]).toArray());
                    }
                }
            }
        }
    }

    @Test
    void aValueNoLaunchHadAndAMissingValueMatchNothing() {
        LaunchHistory history = history();
        AttributeIndex index = history.asOf(LocalDate.of(2022, 1, 1)).attributeIndex();
        Product unseen = new Product("x", LocalDate.of(2022, 1, 1), null, null, null,
                Map.of("colour", "red", "fabric", "silk", "trim", "velvet"));
        long[][] matching = index.matching(unseen, List.of("colour", "fabric", "finish", "trim"));
        assertThat(matching[0]).isNotNull();
        assertThat(matching[1]).isNull();
        assertThat(matching[2]).isNull();
        assertThat(matching[3]).isNull();
    }
}
