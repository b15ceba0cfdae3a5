package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.launchcast.monitor.quality.EvaluationStore.Dimension;
import io.launchcast.monitor.quality.EvaluationStore.Filter;
import io.launchcast.monitor.quality.EvaluationStore.Grouped;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's SQL aggregates give the figures {@link QualityFigures#of} gives for the same evaluations held in
 * memory (the way the service kept them before), batches change only what is new or different, and a store that
 * missed a batch, lost its database or finds batches of the earlier JSON format catches up from the object store.
 */
class EvaluationStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BATCHES = "monitoring/quality/g/batches/";
    private static final LocalDate LAUNCH = LocalDate.of(2027, 3, 3);

    @TempDir
    Path dir;

    @Test
    void figuresEqualThoseOfTheSameEvaluationsInMemory() {
        DirectoryObjectStore objects = new DirectoryObjectStore(dir.resolve("store"));
        EvaluationStore store = store(objects, "local");
        Map<String, EvaluatedForecast> reference = new LinkedHashMap<>();
        Random random = new Random(7);
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        for (int batch = 0; batch < 4; batch++) {
            List<EvaluatedForecast> evaluations = generate(random, 400);
            Map<String, EvaluatedForecast> changed = new LinkedHashMap<>();
            for (EvaluatedForecast e : evaluations) {
                changed.put(e.key(), e); // the last of one key wins
            }
            changed.values().removeIf(e -> e.equals(reference.get(e.key())));
            reference.putAll(changed);

            EvaluationStore.Applied applied = apply(store, evaluations, now.plusSeconds(batch));

            assertThat(applied.changed()).isEqualTo(changed.size());
            assertThat(store.count()).isEqualTo(reference.size());
        }
        assertThat(apply(store, new ArrayList<>(reference.values()), now.plusSeconds(9)))
                .isEqualTo(new EvaluationStore.Applied(0, null));

        assertSameFigures(store, reference.values(), Filter.ALL);
        assertSameFigures(store, reference.values().stream().filter(e -> "2".equals(e.modelVersion())).toList(),
                Filter.of("2", null));
        assertSameFigures(store, reference.values().stream().filter(e -> e.cohort() == null).toList(),
                Filter.of(null, EvaluationStore.NO_COHORT));
        assertSameFigures(store, reference.values().stream().filter(e -> e.modelVersion() == null)
                .filter(e -> e.periodStart().isAfter(LAUNCH.plusWeeks(2))).toList(), Filter.recent(null, LAUNCH.plusWeeks(2)));
        // the alarms' query: one grouping over everything, or per version and cohort (GROUPING of fewer columns)
        Grouped recent = store.totals(Filter.recent("2", LAUNCH.plusWeeks(1)), List.of(EnumSet.noneOf(Dimension.class)),
                "p10", "p90").get(0);
        assertThat(QualityFigures.of(recent.totals())).usingRecursiveComparison().withComparatorForType(
                (a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class).isEqualTo(QualityFigures.of(
                reference.values().stream().filter(e -> "2".equals(e.modelVersion()))
                        .filter(e -> e.periodStart().isAfter(LAUNCH.plusWeeks(1))).toList(), "p10", "p90"));
        assertThat(store.totals(Filter.ALL, List.of(EnumSet.of(Dimension.MODEL_VERSION),
                EnumSet.of(Dimension.MODEL_VERSION, Dimension.COHORT)), "p10", "p90"))
                .filteredOn(g -> g.dimensions().size() == 2).hasSize((int) reference.values().stream()
                        .map(e -> e.modelVersion() + "/" + e.cohort()).distinct().count());
        Map<String, LocalDate> latest = store.latestPeriodStarts();
        assertThat(latest.keySet()).containsExactlyInAnyOrder(null, "1", "2", "10");
        assertThat(latest.get("10")).isEqualTo(reference.values().stream()
                .filter(e -> "10".equals(e.modelVersion())).map(EvaluatedForecast::periodStart)
                .max(LocalDate::compareTo).orElseThrow());
    }

    @Test
    void aStoreThatMissedABatchAppliesItAndALostDatabaseIsRebuilt() {
        DirectoryObjectStore objects = new DirectoryObjectStore(dir.resolve("store"));
        Random random = new Random(11);
        EvaluationStore first = store(objects, "first");
        apply(first, generate(random, 200), Instant.parse("2027-06-01T00:00:00Z"));
        // another writer of the same batches (as a process that stored a batch and died before applying it)
        EvaluationStore second = store(objects, "second");
        assertThat(second.catchUp()).isEqualTo(first.count());
        apply(second, generate(random, 200), Instant.parse("2027-06-02T00:00:00Z"));

        assertThat(first.catchUp()).isEqualTo(second.count());
        assertThat(figures(first, Filter.ALL)).isEqualTo(figures(second, Filter.ALL));
        assertThat(store(objects, "empty").catchUp()).isEqualTo(second.count());

        // a database that holds a batch the store does not have is not a copy of it: rebuilt
        objects.list(BATCHES).forEach(o -> objects.delete(o.key()));
        assertThat(first.catchUp()).isZero();
    }

    @Test
    void batchesOfTheEarlierJsonFormatAreRead() {
        DirectoryObjectStore objects = new DirectoryObjectStore(dir.resolve("store"));
        List<EvaluatedForecast> evaluations = generate(new Random(3), 50).stream()
                .collect(Collectors.toMap(EvaluatedForecast::key, e -> e, (a, b) -> b, LinkedHashMap::new)).values()
                .stream().toList();
        objects.put(BATCHES + "000001000000000-legacy.json", JSON.writeValueAsBytes(new ForecastQuality.Batch(
                "dataset s 1", Instant.parse("2027-01-01T00:00:00Z"), evaluations)), "application/json");
        EvaluationStore store = store(objects, "local");

        assertThat(store.catchUp()).isEqualTo(evaluations.size());
        assertThat(apply(store, evaluations, Instant.parse("2027-06-01T00:00:00Z")).changed()).isZero();
        assertSameFigures(store, evaluations, Filter.ALL);
    }

    /** No evaluations (or none the filter passes): the figures of nothing, as in memory: sums 0, ratios null. */
    @Test
    void figuresOfNothingAreThoseOfAnEmptyList() {
        EvaluationStore store = store(new DirectoryObjectStore(dir.resolve("store")), "local");
        QualityFigures nothing = QualityFigures.of(List.of(), "p10", "p90");

        for (Grouped g : store.totals(Filter.ALL, List.of(EnumSet.noneOf(Dimension.class)), "p10", "p90")) {
            assertThat(QualityFigures.of(g.totals())).isEqualTo(nothing);
        }
        apply(store, generate(new Random(9), 20), Instant.parse("2027-06-01T00:00:00Z"));
        for (Grouped g : store.totals(Filter.of("no-such-version", null), List.of(EnumSet.noneOf(Dimension.class)),
                "p10", "p90")) {
            assertThat(QualityFigures.of(g.totals())).isEqualTo(nothing);
        }
    }

    /**
     * As the service reads figures right after a batch, while the staging's connection is still open: a second
     * connection shares the database, whose spill directory (used by the 300,000 staged rows in 24 MiB) cannot be
     * set again.
     */
    @Test
    void figuresAreReadWhileAStagingThatSpilledIsOpen() {
        DirectoryObjectStore objects = new DirectoryObjectStore(dir.resolve("store"));
        EvaluationStore store = new EvaluationStore(objects, JSON, BATCHES, dir.resolve("local"), 24,
                QualityProperties.TimeBucket.WEEK);
        try (EvaluationStore.Staging staging = store.stage()) {
            Random random = new Random(5);
            for (int i = 0; i < 60; i++) {
                generate(random, 5_000).forEach(staging);
            }
            assertThat(staging.apply(Instant.parse("2027-06-01T00:00:00Z")).changed()).isPositive();

            assertThat(store.totals(Filter.ALL, List.of(EnumSet.noneOf(Dimension.class)), "p10", "p90")).hasSize(1);
        }
    }

    private EvaluationStore store(DirectoryObjectStore objects, String local) {
        return new EvaluationStore(objects, JSON, BATCHES, dir.resolve(local), 64, QualityProperties.TimeBucket.WEEK);
    }

    private static EvaluationStore.Applied apply(EvaluationStore store, List<EvaluatedForecast> evaluations,
            Instant now) {
        try (EvaluationStore.Staging staging = store.stage()) {
            evaluations.forEach(staging);
            return staging.apply(now);
        }
    }

    /** Evaluations with every kind of value: null version, region and cohort, missing and unscored quantiles. */
    private static List<EvaluatedForecast> generate(Random random, int n) {
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        String[] versions = {null, "1", "2", "10"};
        for (int i = 0; i < n; i++) {
            int period = 1 + random.nextInt(6);
            double mean = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 20;
            Map<String, Double> quantiles = new TreeMap<>();
            quantiles.put("p10", mean * 0.5);
            quantiles.put("p50", mean);
            if (random.nextInt(6) > 0) {
                quantiles.put("p90", mean * 1.8);
            }
            if (random.nextInt(10) == 0) {
                quantiles.put("upper", mean * 3); // kept, not scored: no level
            }
            evaluations.add(new EvaluatedForecast(versions[random.nextInt(versions.length)],
                    "P" + random.nextInt(60), random.nextBoolean() ? null : "north",
                    random.nextInt(3) == 0 ? null : "c" + random.nextInt(3), period, LAUNCH.plusWeeks(period - 1),
                    "inf-" + random.nextInt(1000), Instant.parse("2027-02-20T09:00:00Z"),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(30), mean, quantiles));
        }
        return evaluations;
    }

    private static void assertSameFigures(EvaluationStore store, java.util.Collection<EvaluatedForecast> expected,
            Filter filter) {
        Map<List<Object>, QualityFigures> actual = figures(store, filter);
        Map<List<Object>, QualityFigures> reference = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        reference.put(List.of(), QualityFigures.of(expected, "p10", "p90"));
        group(reference, expected, "version", e -> String.valueOf(e.modelVersion()));
        group(reference, expected, "cohort", e -> e.cohort() == null ? EvaluationStore.NO_COHORT : e.cohort());
        group(reference, expected, "region", e -> e.region() == null ? EvaluationStore.ALL_REGIONS : e.region());
        group(reference, expected, "period", e -> String.valueOf(e.period()));
        group(reference, expected, "week", e -> e.periodStart().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toString());
        group(reference, expected, "week, version", e -> e.periodStart().with(
                TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) + ", " + e.modelVersion());

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        reference.forEach((key, figures) -> {
            QualityFigures got = actual.get(key);
            assertThat(got.count()).as("%s", key).isEqualTo(figures.count());
            assertThat(got.actualUnits()).as("%s", key).isCloseTo(figures.actualUnits(), within(1e-9));
            assertThat(got.forecastUnits()).as("%s", key).isCloseTo(figures.forecastUnits(), within(1e-9));
            assertClose(got.wape(), figures.wape(), key);
            assertClose(got.bias(), figures.bias(), key);
            assertClose(got.meanWql(), figures.meanWql(), key);
            assertThat(got.coverage()).as("%s", key).isEqualTo(figures.coverage());
            assertThat(got.wql().keySet()).as("%s", key).containsExactlyElementsOf(figures.wql().keySet());
            figures.wql().forEach((label, value) -> assertClose(got.wql().get(label), value, key));
        });
    }

    private static void assertClose(Double actual, Double expected, Object what) {
        if (expected == null) {
            assertThat(actual).as("%s", what).isNull();
        } else {
            assertThat(actual).as("%s", what).isCloseTo(expected, within(1e-9));
        }
    }

    private static void group(Map<List<Object>, QualityFigures> into, java.util.Collection<EvaluatedForecast> points,
            String by, Function<EvaluatedForecast, String> key) {
        points.stream().collect(Collectors.groupingBy(key)).forEach((k, group) ->
                into.put(List.of(by, k), QualityFigures.of(group, "p10", "p90")));
    }

    /** The store's figures under the keys {@link #assertSameFigures} builds. */
    private static Map<List<Object>, QualityFigures> figures(EvaluationStore store, Filter filter) {
        List<Set<Dimension>> sets = List.of(EnumSet.noneOf(Dimension.class), EnumSet.of(Dimension.MODEL_VERSION),
                EnumSet.of(Dimension.COHORT), EnumSet.of(Dimension.REGION), EnumSet.of(Dimension.PERIOD),
                EnumSet.of(Dimension.BUCKET), EnumSet.of(Dimension.BUCKET, Dimension.MODEL_VERSION));
        Map<List<Object>, QualityFigures> figures = new LinkedHashMap<>();
        for (Grouped g : store.totals(filter, sets, "p10", "p90")) {
            Map<Dimension, String> v = g.values();
            List<Object> key;
            if (g.dimensions().isEmpty()) {
                key = List.of();
            } else if (g.dimensions().equals(EnumSet.of(Dimension.BUCKET, Dimension.MODEL_VERSION))) {
                key = List.of("week, version", v.get(Dimension.BUCKET) + ", " + v.get(Dimension.MODEL_VERSION));
            } else {
                Dimension d = g.dimensions().iterator().next();
                String name = switch (d) {
                    case MODEL_VERSION -> "version";
                    case COHORT -> "cohort";
                    case PERIOD -> "period";
                    case BUCKET -> "week";
                    case REGION -> "region";
                };
                key = List.of(name, Objects.toString(v.get(d)));
            }
            figures.put(key, QualityFigures.of(g.totals()));
        }
        return figures;
    }
}
