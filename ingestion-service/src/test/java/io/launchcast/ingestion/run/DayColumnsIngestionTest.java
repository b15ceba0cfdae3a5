package io.launchcast.ingestion.run;

import static io.launchcast.ingestion.run.VisuelleIngestionTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table with one row per item and store and one column per calendar day (an M5-shaped export: ids, then d_1,
 * d_2, ... from a known first day), through a mapping alone: the day columns are picked by name, dated from the
 * first day, summed to weeks starting on Saturday, and launches come from each item's first sale in any store.
 */
class DayColumnsIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: day-columns
            version: 1
            period: {unit: week, first-day: saturday}
            attributes:
              dept: string
            launch:
              date: first-sale
              left-censoring: {within-days: 3}
            sources:
              - name: items
                files: [{match: "sales.csv"}]
                products:
                  product-id: item_id
                  attributes: {dept: dept_id}
              - name: sales
                files: [{match: "sales.csv"}]
                sales:
                  product-id: item_id
                  region: store_id
                  wide:
                    columns-matching: "d_[0-9]+"
                    anchor: {constant: "2011-01-29"}
                    step: day
            """;


    @Test
    void dayColumnsAreDatedFromTheFirstDaySummedToWeeksAndLaunchAtTheFirstSale() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING));
        // 2011-01-29 is a Saturday: d_1..d_7 are the first week, d_8..d_10 the next
        ingestion.store.put("landing/day-columns/drop/sales.csv", """
                id,item_id,dept_id,store_id,state_id,d_1,d_2,d_3,d_4,d_5,d_6,d_7,d_8,d_9,d_10
                old_CA_1,old,FOODS_1,CA_1,CA,1,0,0,2,0,0,0,0,3,0
                new_CA_1,new,HOBBIES_1,CA_1,CA,0,0,0,0,0,0,0,0,4,1
                new_TX_1,new,HOBBIES_1,TX_1,TX,0,0,0,0,0,2,0,0,0,0
                none_TX_1,none,HOBBIES_1,TX_1,TX,0,0,0,0,0,0,0,0,0,0
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("day-columns", "s3://test-bucket/landing/day-columns/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().read()).isEqualTo(2 * 4);
        assertThat(run.rows().duplicates()).as("the second store's row of an item").isEqualTo(1);
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.periodAnchor()).isEqualTo("calendar");
        assertThat(manifest.tables().get("products").rows()).as("'none' never sold").isEqualTo(2);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Path local = ingestion.download(manifest, temp.resolve("curated"));
            Ingestion.curatedViews(s, local);
            assertThat(single(s, "SELECT string_agg(product_id || ' ' || launch_date || ' ' || coalesce(split, '-')"
                    + " || ' ' || attr_dept, '; ' ORDER BY product_id) FROM products"))
                    .isEqualTo("new 2011-01-29 - HOBBIES_1; old 2011-01-29 left-censored FOODS_1");
            assertThat(single(s, "SELECT string_agg(product_id || '@' || region || ' ' || period_start || '=' || units,"
                    + " '; ' ORDER BY product_id, region, period_start) FROM sales"))
                    .isEqualTo("new@CA_1 2011-02-05=5; new@TX_1 2011-01-29=2; old@CA_1 2011-01-29=3;"
                            + " old@CA_1 2011-02-05=3");
        }
    }

    @Test
    void aPriceListByStoreItemAndWeekGivesEachItemItsFirstListedPrice() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING
                .replace("""
                          - name: items
                        """, """
                          - name: prices
                            files: [{match: "sell_prices.csv"}]
                            lookup: {key: item_id, repeated: first}
                          - name: items
                        """)
                .replace("""
                              attributes: {dept: dept_id}
                        """, """
                              attributes: {dept: dept_id}
                              price: {column: item_id, lookup: {source: prices, column: sell_price, missing: empty}}
                        """)));
        // sorted by store, item and week as the export is: an item's first row is its first week in the first store
        ingestion.store.put("landing/day-columns/drop/sell_prices.csv", """
                store_id,item_id,wm_yr_wk,sell_price
                CA_1,new,11101,9.58
                CA_1,new,11102,8.26
                CA_1,old,11101,2.00
                TX_1,new,11101,9.99
                """.getBytes(StandardCharsets.UTF_8), "text/csv");
        ingestion.store.put("landing/day-columns/drop/sales.csv", """
                id,item_id,dept_id,store_id,state_id,d_1,d_2,d_3
                old_CA_1,old,FOODS_1,CA_1,CA,1,0,0
                new_CA_1,new,HOBBIES_1,CA_1,CA,0,0,4
                new_TX_1,new,HOBBIES_1,TX_1,TX,0,2,0
                unlisted_TX_1,unlisted,HOBBIES_1,TX_1,TX,0,0,1
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("day-columns", "s3://test-bucket/landing/day-columns/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).as("an item the price list lacks has no price (missing: empty)").isZero();
        assertThat(products(run, "coalesce(CAST(price AS VARCHAR), '-')"))
                .isEqualTo("new 2011-01-29 9.58; old 2011-01-29 2.0; unlisted 2011-01-29 -");
    }

    @Test
    void wideSalesTakingAllOtherColumnsHaveTheirSales() throws Exception {
        // all-other-columns was accepted for sales but read as no column at all: every product published unsold
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: weeks-since-launch
                version: 1
                sources:
                  - name: products
                    files: [{match: "products.csv"}]
                    products:
                      product-id: id
                      launch-date: launched
                    sales:
                      wide: {all-other-columns: true}
                """));
        ingestion.store.put("landing/weeks-since-launch/drop/products.csv", """
                id,launched,0,1,2
                a,2024-01-03,5,3,0
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("weeks-since-launch", "s3://test-bucket/landing/weeks-since-launch/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Path local = ingestion.download(ingestion.manifest(run), temp.resolve("curated"));
            assertThat(single(s, "SELECT string_agg(period_start || '=' || units, ' ' ORDER BY period_start) FROM"
                    + " read_parquet('" + local.resolve("sales/**/*.parquet") + "', hive_partitioning = true)"))
                    .isEqualTo("2024-01-03=5 2024-01-10=3 2024-01-17=0");
        }
    }

    static final String PIVOT = """
            name: pivot
            version: 1
            period: week
            attributes:
              family: string
            launch:
              date: first-sale
            sources:
              - name: items
                files: [{match: "pivot.csv"}]
                products:
                  product-id: item
                  attributes: {family: family}
              - name: sales
                files: [{match: "pivot.csv"}]
                sales:
                  product-id: item
                  wide: {columns-matching: "Week .*", column-dates: "'Week 'yyyy-MM-dd"}
            """;

    @Test
    void pivotedWeeksAreDatedByTheirNamesSoASkippedWeekShiftsNothing() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(PIVOT));
        // no column for the week of 2019-01-21: a step from the first column would date the last one a week early
        ingestion.store.put("landing/pivot/drop/pivot.csv", """
                item,family,Week 2019-01-07,Week 2019-01-14,Week 2019-01-28
                old,TOYS,4,2,1
                new,GAMES,0,0,6
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("pivot", "s3://test-bucket/landing/pivot/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.periodAnchor()).isEqualTo("calendar");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, ingestion.download(manifest, temp.resolve("curated")));
            assertThat(single(s, "SELECT string_agg(product_id || ' ' || launch_date || ' ' || attr_family, '; '"
                    + " ORDER BY product_id) FROM products")).isEqualTo("new 2019-01-28 GAMES; old 2019-01-07 TOYS");
            assertThat(single(s, "SELECT string_agg(product_id || ' ' || period_start || '=' || units, '; '"
                    + " ORDER BY product_id, period_start) FROM sales"))
                    .isEqualTo("new 2019-01-28=6; old 2019-01-07=4; old 2019-01-14=2; old 2019-01-28=1");
        }
    }

    @Test
    void aPivotedColumnWhoseNameIsNoDateStopsTheRunNamingIt() {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(PIVOT));
        ingestion.store.put("landing/pivot/drop/pivot.csv", """
                item,family,Week 2019-01-07,Week total
                old,TOYS,4,4
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("pivot", "s3://test-bucket/landing/pivot/drop/");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("the wide sales column 'Week total' is not a date of the form 'Week 'yyyy-MM-dd");
    }

    @Test
    void aWideSourceWithNoColumnLeftStopsTheRunSayingSo() {
        // this was reported as an internal error, the reason only in the service's log
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(PIVOT));
        ingestion.store.put("landing/pivot/drop/pivot.csv", """
                item,family,total
                old,TOYS,4
                """.getBytes(StandardCharsets.UTF_8), "text/csv");

        IngestionRun run = ingestion.run("pivot", "s3://test-bucket/landing/pivot/drop/");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("source sales: no column of [item, family, total] is left for the wide sales"
                + " matching Week .*");
    }
}
