package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attribute declared a number (a pack size) is a numeric feature, not a category with one value per size. */
class NumericAttributesTest {

    private static final LocalDate START = LocalDate.of(2021, 1, 4);

    @TempDir
    Path root;

    @Test
    void theManifestsIntegerAndDoubleAttributesAreNumbersAndNotCategories() throws Exception {
        Files.createDirectories(root.resolve("products"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("copy (select 'p1' as product_id, date '2021-01-04' as launch_date, 'coat' as attr_family, "
                    + "12 as attr_pack, 0.5 as attr_weight, 3 as attr_stores) to '" + root.resolve("products/part-0.parquet")
                    + "' (format parquet)");
        }
        Files.writeString(root.resolve("_manifest.json"), "{\"dataset\":\"shop\",\"version\":\"1\",\"attributes\":["
                + "{\"name\":\"family\",\"type\":\"STRING\"},{\"name\":\"pack\",\"type\":\"INTEGER\"},"
                + "{\"name\":\"weight\",\"type\":\"DOUBLE\"},{\"name\":\"stores\",\"type\":\"INTEGER\","
                + "\"role\":\"footprint\"}]}");

        DatasetManifest manifest = new CuratedDatasetReader().read(root).manifest();

        assertThat(manifest.numericAttributes()).containsExactly("pack", "weight", "stores");
        assertThat(manifest.footprintAttribute()).isEqualTo("stores");
        assertThat(manifest.categoricalAttributes()).containsExactly("family");
        assertThat(FeatureDefinitions.forDataset(manifest, 4).attributes()).containsExactly("family");
    }

    @Test
    void aNumericAttributeIsOneNumberAMissingOrUnreadableOneIsMissingAndTheHashCoversIt() {
        List<Product> products = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Product p = new Product("p" + i, START.plusWeeks(i), null, 2.0, null,
                    Map.of("family", i % 2 == 0 ? "coat" : "dress", "pack", Integer.toString(6 * (1 + i % 3))));
            products.add(p);
            sales.add(new SalesRecord(p.id(), "all", p.launchDate(), 10));
        }
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family", "pack"), List.of(), List.of("pack"), "0".repeat(64));
        CuratedDataset dataset = new CuratedDataset(manifest, products, sales, List.of());
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(manifest, 4);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(LaunchHistory.of(dataset, definitions, p -> true),
                SignalHistory.of(dataset, "trend"));

        LaunchFeatures sized = computer.compute(new Product("new", START.plusWeeks(20), null, 2.0, null,
                Map.of("family", "coat", "pack", " 24 ")), START.plusWeeks(20));
        LaunchFeatures unreadable = computer.compute(new Product("odd", START.plusWeeks(20), null, 2.0, null,
                Map.of("family", "coat", "pack", "a dozen")), START.plusWeeks(20));

        assertThat(sized.numeric()).containsEntry("num.pack", 24.0);
        assertThat(sized.categorical()).containsOnlyKeys("attr.family");
        assertThat(unreadable.numeric()).doesNotContainKey("num.pack");
        assertThat(definitions.hash()).as("numeric attributes change the computation")
                .isNotEqualTo(FeatureDefinitions.forDataset(new DatasetManifest("shop", "1", Period.WEEK,
                        PeriodAnchor.CALENDAR, List.of("family", "pack"), List.of(), "0".repeat(64)), 4).hash());
    }
}
