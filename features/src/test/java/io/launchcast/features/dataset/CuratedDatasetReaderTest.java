package io.launchcast.features.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratedDatasetReaderTest {

    @TempDir
    Path root;

    private void write(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void writeDataset() throws Exception {
        Files.createDirectories(root.resolve("products"));
        Files.createDirectories(root.resolve("sales/period_month=2020-01"));
        Files.createDirectories(root.resolve("sales/period_month=2020-02"));
        Files.createDirectories(root.resolve("signals"));
        write("copy (select * from (values ('b', date '2020-01-06', 'train', 'coat', 'red'),"
                + " ('a', date '2020-01-13', 'test', 'dress', null))"
                + " t(product_id, launch_date, split, attr_category, attr_colour)) to '"
                + root.resolve("products/part-0.parquet") + "' (format parquet)");
        write("copy (select * from (values ('b', 'all', date '2020-01-06', 5), ('b', 'all', date '2020-01-13', 7),"
                + " ('a', 'all', date '2020-01-13', 2)) t(product_id, region, period_start, units)) to '"
                + root.resolve("sales/period_month=2020-01/part-0.parquet") + "' (format parquet)");
        write("copy (select * from (values ('b', 'all', date '2020-02-03', 1))"
                + " t(product_id, region, period_start, units)) to '"
                + root.resolve("sales/period_month=2020-02/part-0.parquet") + "' (format parquet)");
        write("copy (select * from (values ('trend', 'red', date '2020-01-06', 40.0),"
                + " ('trend', 'red', date '2020-01-13', cast(null as double)))"
                + " t(signal, term, period_start, value)) to '" + root.resolve("signals/part-0.parquet")
                + "' (format parquet)");
        Files.writeString(root.resolve("_manifest.json"), "{\"dataset\":\"shop\",\"version\":\"7\",\"period\":\"week\","
                + "\"periodAnchor\":\"launch\",\"attributes\":[\"category\",{\"name\":\"colour\"}],\"extra\":1}");
    }

    @Test
    void readsHivePartitionedSalesWithoutTheirPartitionColumns() throws Exception {
        writeDataset();

        CuratedDataset dataset = new CuratedDatasetReader().read(root);

        assertThat(dataset.sales()).hasSize(4).extracting(SalesRecord::productId).containsExactly("a", "b", "b", "b");
        assertThat(dataset.sales().get(3)).isEqualTo(new SalesRecord("b", "all", LocalDate.of(2020, 2, 3), 1));
    }

    @Test
    void readsProductsWithAttributesAndAbsentOptionalColumnsAsNull() throws Exception {
        writeDataset();

        CuratedDataset dataset = new CuratedDatasetReader().read(root);

        assertThat(dataset.products()).extracting(Product::id).containsExactly("b", "a");
        Product b = dataset.products().get(0);
        assertThat(b.attributes()).containsEntry("category", "coat").containsEntry("colour", "red");
        assertThat(b.price()).isNull();
        assertThat(b.region()).isNull();
        assertThat(dataset.products().get(1).attributes()).doesNotContainKey("colour");
    }

    @Test
    void keepsMissingSignalValuesAsNullAndReadsTheManifest() throws Exception {
        writeDataset();

        CuratedDataset dataset = new CuratedDatasetReader().read(root);

        assertThat(dataset.signals()).extracting(SignalRecord::value).containsExactly(40.0, null);
        DatasetManifest manifest = dataset.manifest();
        assertThat(manifest.dataset()).isEqualTo("shop");
        assertThat(manifest.version()).isEqualTo("7");
        assertThat(manifest.period()).isEqualTo(Period.WEEK);
        assertThat(manifest.attributes()).containsExactly("category", "colour");
        assertThat(manifest.sha256()).hasSize(64);
    }

    @Test
    void refusesADirectoryWithoutManifest() {
        assertThatThrownBy(() -> new CuratedDatasetReader().read(root)).isInstanceOf(DatasetReadException.class)
                .hasMessageContaining("_manifest.json");
    }

    @Test
    void aVersionWithoutSalesOrProductFilesReadsAsEmptyTables() throws Exception {
        Files.writeString(root.resolve("_manifest.json"), "{\"dataset\":\"d\",\"version\":\"v1\",\"period\":\"week\"}");
        Files.createDirectories(root.resolve("products"));
        Files.createDirectories(root.resolve("sales"));

        CuratedDataset empty = new CuratedDatasetReader().read(root);

        assertThat(empty.products()).isEmpty();
        assertThat(empty.sales()).isEmpty();
        assertThat(empty.signals()).isEmpty();
        assertThat(empty.manifest().version()).isEqualTo("v1");
    }

    @Test
    void readsOnlyTheWantedProductsAndStreamsTheSalesWithoutTheRestOfTheVersion() throws Exception {
        writeDataset();
        CuratedDatasetReader reader = new CuratedDatasetReader();

        assertThat(reader.products(root, "a"::equals)).extracting(Product::id).containsExactly("a");
        java.util.List<SalesRecord> rows = new java.util.ArrayList<>();
        reader.sales(root).forEach(rows::add);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(reader.read(root).sales());
        assertThatThrownBy(() -> reader.sales(root.resolve("products"))).isInstanceOf(DatasetReadException.class);
    }
}
