package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.ForecastCaptures.Forecast;
import io.launchcast.monitor.ForecastCaptures.Sale;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A version's sales joined with captured forecasts as a stream: every row is joined, quarantined or not forecast,
 * the same whether the forecasts spill to one partition or several, and whether the index is asked or not.
 */
class SalesJoinTest {

    private static final LocalDate LAUNCH = LocalDate.of(2027, 3, 1);
    private static final Instant AT = Instant.parse("2027-02-20T09:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} forecasts a partition, index up to {1} products sold")
    @CsvSource({"1, 100000", "10000, 100000", "1, 1", "10000, 1"})
    void joinsTheRowsOfForecastProductsQuarantinesTheUnmatchedInOrderAndCountsTheRest(int partitionForecasts,
            int exactSoldMax) {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        ForecastCaptures.capture(store, "e", List.of(
                new Forecast("i1", AT, "a", "north", "g/1", LAUNCH, Map.of(), 10, new double[] {5, 4}, 0.5),
                new Forecast("i2", AT, "b", null, "g/1", LAUNCH, Map.of("category", "coat"), 10, new double[] {3, 2},
                        0.5)));
        ForecastCaptures.publish(store, "shop", "v1", List.of(
                new Sale("a", "north", LAUNCH, 6), new Sale("a", "north", LAUNCH.plusWeeks(1), 3),
                new Sale("a", "north", LAUNCH.plusWeeks(5), 1), // after the forecast's periods
                new Sale("a", "south", LAUNCH, 2),              // a region no forecast of a names
                new Sale("b", "north", LAUNCH, 1), new Sale("b", "south", LAUNCH, 2),
                new Sale("c", "north", LAUNCH, 9)), Map.of("a", "dress"));
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        List<ForecastQuality.QuarantinedRow> quarantined = new ArrayList<>();
        SalesJoin.Result result = join(store, new SalesJoin(captures(store), version -> "category", dir.resolve("join"),
                partitionForecasts, exactSoldMax), evaluations, quarantined);

        assertThat(result.partitions()).isEqualTo(partitionForecasts == 1 ? 2 : 1);
        assertThat(dir.resolve("join")).isEmptyDirectory(); // the partitions are gone
        assertThat(result.salesRows()).isEqualTo(7);
        assertThat(result.notForecastRows()).isEqualTo(1);
        assertThat(result.joinedRows()).isEqualTo(4); // a/north twice, b's two regions as its total
        assertThat(quarantined).extracting(ForecastQuality.QuarantinedRow::region,
                ForecastQuality.QuarantinedRow::periodStart).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("north", LAUNCH.plusWeeks(5)),
                        org.assertj.core.groups.Tuple.tuple("south", LAUNCH));
        assertThat(result.quarantinedRows()).isEqualTo(quarantined.size());
        assertThat(result.salesRows()).isEqualTo(result.joinedRows() + result.quarantinedRows()
                + result.notForecastRows());
        assertThat(result.evaluated()).isEqualTo(evaluations.size());
        assertThat(evaluations).extracting(EvaluatedForecast::productId, EvaluatedForecast::actual,
                EvaluatedForecast::cohort).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", 6.0, "dress"),
                        org.assertj.core.groups.Tuple.tuple("a", 3.0, "dress"),
                        org.assertj.core.groups.Tuple.tuple("b", 3.0, "coat"),
                        org.assertj.core.groups.Tuple.tuple("b", 0.0, "coat")); // sold nothing in its second week
    }

    @org.junit.jupiter.api.Test
    void aPeriodTheSalesCoverWithoutASaleOfTheProductIsEvaluatedAsZeroAndALaterOneWaits() {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        ForecastCaptures.capture(store, "e", List.of(
                new Forecast("i1", AT, "lumpy", null, "g/1", LAUNCH, Map.of(), 10, new double[] {5, 4, 3}, 0.5),
                new Forecast("i2", AT, "shops", "north", "g/1", LAUNCH, Map.of(), 10, new double[] {2, 2, 2}, 0.5),
                new Forecast("i3", AT, "unsold", null, "g/1", LAUNCH, Map.of(), 10, new double[] {1, 1, 1}, 0.5)));
        // the sales run to the second week: lumpy sold in its first only, shops in the south only in its second
        ForecastCaptures.publish(store, "shop", "v1", List.of(
                new Sale("lumpy", "north", LAUNCH, 7),
                new Sale("shops", "north", LAUNCH, 1), new Sale("shops", "south", LAUNCH.plusWeeks(1), 4),
                new Sale("other", "north", LAUNCH.plusWeeks(1), 9)), Map.of());
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        List<ForecastQuality.QuarantinedRow> quarantined = new ArrayList<>();
        join(store, new SalesJoin(captures(store), version -> null, dir.resolve("join"), 10), evaluations, quarantined);

        assertThat(evaluations).extracting(EvaluatedForecast::productId, EvaluatedForecast::region,
                EvaluatedForecast::periodStart, EvaluatedForecast::actual).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("lumpy", null, LAUNCH, 7.0),
                        org.assertj.core.groups.Tuple.tuple("lumpy", null, LAUNCH.plusWeeks(1), 0.0),
                        org.assertj.core.groups.Tuple.tuple("shops", "north", LAUNCH, 1.0),
                        org.assertj.core.groups.Tuple.tuple("shops", "north", LAUNCH.plusWeeks(1), 0.0));
        assertThat(quarantined).extracting(ForecastQuality.QuarantinedRow::region).containsExactly("south");
    }

    @org.junit.jupiter.api.Test
    void aForecastIsInTheCohortOfItsVersionsAttributeAndInNoneWithout() {
        io.launchcast.monitor.capture.CapturedForecast.Period period = new io.launchcast.monitor.capture.CapturedForecast
                .Period(1, LAUNCH, 5, Map.of("p50", 5.0));
        io.launchcast.monitor.capture.CapturedForecast forecast = new io.launchcast.monitor.capture.CapturedForecast(
                "i1", AT, "a", null, "g/1", LAUNCH, Map.of("category", "coat"), List.of(period));
        io.launchcast.features.dataset.Product product = new io.launchcast.features.dataset.Product("a", LAUNCH, null,
                null, null, Map.of("colour", "red"));

        assertThat(SalesJoin.evaluation(forecast, period, 4, product, "category").cohort()).isEqualTo("coat");
        assertThat(SalesJoin.evaluation(forecast, period, 4, product, "colour").cohort()).isEqualTo("red");
        assertThat(SalesJoin.evaluation(forecast, period, 4, product, null).cohort()).isNull();
    }

    private static CapturedForecasts captures(DirectoryObjectStore store) {
        MonitorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("launchcast.monitor", MonitorProperties.class);
        return new CapturedForecasts(store, JsonMapper.builder().build(), properties);
    }

    /** Joins the published version v1 of dataset shop, mirrored as the service mirrors it, with endpoint e's capture. */
    private SalesJoin.Result join(DirectoryObjectStore store, SalesJoin join, List<EvaluatedForecast> evaluations,
            List<ForecastQuality.QuarantinedRow> quarantined) {
        Path local = dir.resolve("mirror");
        ObjectStoreMirror.mirror(store, "curated/shop/v=v1/", local);
        return join.join("e", local, evaluations::add, quarantined::add);
    }
}
