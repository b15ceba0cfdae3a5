package io.launchcast.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.launchcast.ingestion.curated.Manifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link DatasetCatalog} adapter promises; implemented by each adapter's test. */
public interface DatasetCatalogContract {

    /** A manifest with an unpartitioned products table and a partitioned sales table. */
    static Manifest sampleManifest(String version) {
        String prefix = Manifest.prefix("shop", version);
        return new Manifest("shop", version, "0123456789abcdef", "1", Instant.EPOCH, "run-1",
                new Manifest.MappingRef("shop", 2, "sha"), List.of(), "week", "calendar", List.of(),
                new java.util.LinkedHashMap<>(Map.of(
                        "products", new Manifest.TableRef(2, List.of(new Manifest.ColumnRef("product_id", "VARCHAR"),
                                new Manifest.ColumnRef("launch_date", "DATE"), new Manifest.ColumnRef("price", "DOUBLE")),
                                List.of(), List.of(new Manifest.FileRef(prefix + "products/part-0.parquet", 10, Map.of())))
                )) {
                    {
                        put("sales", new Manifest.TableRef(3, List.of(new Manifest.ColumnRef("product_id", "VARCHAR"),
                                new Manifest.ColumnRef("period_start", "DATE"), new Manifest.ColumnRef("units", "BIGINT")),
                                List.of("region", "period_year"), List.of(
                                        new Manifest.FileRef(prefix + "sales/region=eu/period_year=2023/part-0.parquet", 10,
                                                Map.of("region", "eu", "period_year", "2023")),
                                        new Manifest.FileRef(prefix + "sales/region=eu/period_year=2024/part-0.parquet", 10,
                                                Map.of("region", "eu", "period_year", "2024")))));
                    }
                },
                new Manifest.RowCounts(5, 5, 0, 0), null);
    }

    DatasetCatalog catalog();

    /** A manifest with a partitioned and an unpartitioned table. */
    Manifest manifest();

    /** Arranges the catalog's state as if {@link #manifest()} had already been registered once. */
    void alreadyRegistered();

    @Test
    default void registersANewVersion() {
        assertThatCode(() -> catalog().register(manifest())).doesNotThrowAnyException();
    }

    @Test
    default void registeringTheSameVersionAgainChangesNothingAndSucceeds() {
        alreadyRegistered();

        assertThatCode(() -> catalog().register(manifest())).doesNotThrowAnyException();
    }
}
