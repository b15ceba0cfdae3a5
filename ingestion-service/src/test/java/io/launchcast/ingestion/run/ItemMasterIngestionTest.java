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
 * Raw exports shaped unlike either bundled sample, through a mapping alone: an item master without launch dates,
 * a category table joined by id, daily transactions per shop aggregated to months, launches from first sales,
 * attributes derived from the category's name and the item's name, a product dropped later in a new daily file.
 */
class ItemMasterIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: shop-exports
            version: 1
            period: month
            clip-negative-periods: true
            attributes:
              name: text
              group: string
              platform: string
            launch:
              date: first-sale
              left-censoring: {within-days: 31}
            launch-attributes:
              window: {from: 0, to: 0}
              price: {median: price}
            sources:
              - name: categories
                files: [{match: "item_categories.csv"}]
                lookup: {key: item_category_id}
              - name: items
                files: [{match: "items.csv"}]
                products:
                  product-id: item_id
                  attributes:
                    name: {column: item_name, collapse-whitespace: true, case: lower}
                    group: {column: item_category_id, lookup: {source: categories, column: item_category_name},
                            split: {separator: " - ", take: 0}}
                    platform: {column: item_category_id, lookup: {source: categories, column: item_category_name},
                               extract: "\\\\((\\\\w+)\\\\)"}
              - name: sales
                files: [{match: "sales-*.csv"}]
                exclude:
                  - {rule: not-demand, value: item_price, at-most: 0}
                sales:
                  product-id: item_id
                  region: shop_id
                  date: {column: date, format: dd.MM.yyyy}
                  units: item_cnt_day
                  returns: true
                  values: {price: item_price}
            """;


    @Test
    void itemsCategoriesAndDailySalesBecomeMonthlyLaunchesWithDerivedAttributes() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING));
        land("item_categories.csv", """
                item_category_name,item_category_id
                Games - PS4 (Sony),1
                Games - XBOX (MS),2
                Music - CD,3
                """);
        land("items.csv", """
                item_name,item_id,item_category_id
                "Old   Game, Deluxe",10,1
                New Game,11,2
                New Album,12,3
                Never Sold,13,3
                """);
        land("sales-2013-01.csv", """
                date,date_block_num,shop_id,item_id,item_price,item_cnt_day
                02.01.2013,0,5,10,999.0,3
                15.01.2013,0,6,10,999.0,1
                20.01.2013,0,6,10,0,40
                """);
        land("sales-2013-03.csv", """
                date,date_block_num,shop_id,item_id,item_price,item_cnt_day
                03.03.2013,2,5,11,1499.0,2
                04.03.2013,2,5,11,1599.0,1
                05.03.2013,2,5,11,1599.0,1
                28.03.2013,2,5,11,1499.0,-1
                10.04.2013,3,5,11,1499.0,5
                12.04.2013,3,5,12,199.0,1
                """);

        IngestionRun run = ingestion.run("shop-exports", "s3://test-bucket/landing/shop-exports/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().read()).isEqualTo(3 + 4 + 3 + 6);
        assertThat(run.rows().excludedByRule()).containsEntry("not-demand", 1L);
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.period()).isEqualTo("month");
        assertThat(manifest.tables().get("products").rows()).isEqualTo(3); // 13 never sold: no launch
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Path local = ingestion.download(manifest, temp.resolve("curated"));
            Ingestion.curatedViews(s, local);
            assertThat(single(s, "SELECT launch_date || ' ' || coalesce(split, '-') || ' ' || attr_name || ' | '"
                    + " || attr_group || ' | ' || attr_platform FROM products WHERE product_id = '10'"))
                    .isEqualTo("2013-01-01 left-censored old game, deluxe | Games | Sony");
            assertThat(single(s, "SELECT launch_date || ' ' || coalesce(split, '-') || ' ' || price || ' '"
                    + " || attr_group || ' ' || attr_platform FROM products WHERE product_id = '11'"))
                    .isEqualTo("2013-03-01 - 1599.0 Games MS"); // median unit price of the launch month's sales
            assertThat(single(s, "SELECT attr_group || ' ' || coalesce(attr_platform, '-') FROM products"
                    + " WHERE product_id = '12'")).isEqualTo("Music -");
            // monthly per shop, a return netted in its month
            assertThat(single(s, "SELECT string_agg(period_start || '=' || units, ' ' ORDER BY period_start) FROM sales"
                    + " WHERE product_id = '11' AND region = '5'")).isEqualTo("2013-03-01=3 2013-04-01=5");
        }

        // a daily file dropped later: a new version that contains it; the same file again: nothing new
        land("sales-2013-05.csv", """
                date,date_block_num,shop_id,item_id,item_price,item_cnt_day
                02.05.2013,4,5,13,99.0,7
                """);
        IngestionRun later = ingestion.run("shop-exports", "s3://test-bucket/landing/shop-exports/drop/");
        assertThat(later.datasetVersion()).isNotEqualTo(run.datasetVersion());
        assertThat(ingestion.manifest(later).tables().get("products").rows()).isEqualTo(4);
        land("sales-2013-05.csv", """
                date,date_block_num,shop_id,item_id,item_price,item_cnt_day
                02.05.2013,4,5,13,99.0,7
                """);
        IngestionRun again = ingestion.run("shop-exports", "s3://test-bucket/landing/shop-exports/drop/");
        assertThat(again.datasetVersion()).isEqualTo(later.datasetVersion());
        assertThat(again.reusedVersion()).isTrue();
    }

    @Test
    void aMasterWithARowPerVariantKeepsEachStylesFirstRowWhenTold() throws Exception {
        String mapping = """
                name: styles
                version: 1
                period: week
                attributes:
                  colour: string
                launch: {date: first-sale}
                sources:
                  - name: variants
                    files: [{match: "variants.csv"}]
                    products:
                      product-id: {column: sku, extract: "^([A-Z0-9]+)-"}
                      attributes: {colour: colour}
                      repeated: first
                  - name: sales
                    files: [{match: "sales.csv"}]
                    sales:
                      product-id: {column: sku, extract: "^([A-Z0-9]+)-"}
                      date: day
                      units: qty
                """;
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(mapping));
        land("styles", "variants.csv", """
                sku,colour
                S1-M,red
                S1-L,red
                S1-XL,blue
                S2-M,green
                """);
        land("styles", "sales.csv", """
                sku,day,qty
                S1-M,2024-01-08,2
                S1-XL,2024-01-09,3
                S2-M,2024-01-10,1
                """);

        IngestionRun run = ingestion.run("styles", "s3://test-bucket/landing/styles/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isZero();
        assertThat(run.rows().duplicates()).as("S1-L the same as S1-M; S1-XL another colour, S1's first row stands")
                .isEqualTo(2);
        assertThat(products(run, "attr_colour")).isEqualTo("S1 2024-01-08 red; S2 2024-01-08 green");
        assertThat(sales(run)).isEqualTo("S1@all 2024-01-08=5; S2@all 2024-01-08=1");

        ingestion.close();
        ingestion = new Ingestion(temp.resolve("refused"), Map.of(),
                Ingestion.mapping(mapping.replace("      repeated: first\n", "")));
        land("styles", "variants.csv", "sku,colour\nS1-M,red\nS1-XL,blue\n");
        land("styles", "sales.csv", "sku,day,qty\nS1-M,2024-01-08,2\n");
        IngestionRun refused = ingestion.run("styles", "s3://test-bucket/landing/styles/drop/");
        assertThat(quarantine("styles", refused)).singleElement().satisfies(r -> assertThat(r.get("reason").asString())
                .contains("product S1 was already defined with different values"));
    }

    @Test
    void anExportOfLineAmountsGivesTheLaunchPriceAsTheAmountPerUnit() throws Exception {
        String mapping = """
                name: line-amounts
                version: 1
                period: week
                attributes:
                  discount: double
                  shops: integer
                launch: {date: first-sale}
                launch-attributes:
                  window: {from: 0, to: 1}
                  price: {per-unit: amount}
                  attributes: {discount: {per-unit: discount}, shops: {distinct: shop, window: {from: 0, to: 2}}}
                sources:
                  - name: sales
                    files: [{match: "lines.csv"}]
                    sales:
                      product-id: sku
                      date: day
                      units: qty
                      returns: true
                      values: {amount: net_sales, discount: markdown, shop: store}
                """;
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(mapping));
        // A: (10.00 + 4.00 + 4.50) / (2 + 1 + 1) in its launch week and the next; the return and the week after
        // are outside what is summed; its line without an amount is in neither sum
        land("line-amounts", "lines.csv", """
                sku,day,qty,net_sales,markdown,store
                A,2024-01-08,2,10.00,1.00,s1
                A,2024-01-09,1,4.00,,s1
                A,2024-01-10,3,,,s2
                A,2024-01-11,-1,-5.00,,s3
                A,2024-01-16,1,4.50,0.50,s1
                A,2024-01-23,10,30.00,9.00,s4
                B,2024-01-09,4,2.00,0,s2
                """);

        IngestionRun run = ingestion.run("line-amounts", "s3://test-bucket/landing/line-amounts/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(products(run, "price || ' ' || attr_discount || ' ' || attr_shops"))
                .as("the shops that sold it in its own three weeks, s4 too, not s3's return")
                .isEqualTo("A 2024-01-08 4.625 0.5 3; B 2024-01-08 0.5 0.0 1");

    }

    @Test
    void anExportOfReturnsWrittenAsPositiveQuantitiesIsNettedByANegativeScale() throws Exception {
        String mapping = """
                name: with-returns
                version: 1
                period: week
                launch: {date: first-sale}
                sources:
                  - name: sales
                    files: [{match: "sales.csv"}]
                    sales: {product-id: sku, date: day, units: qty}
                  - name: returns
                    files: [{match: "returns.csv"}]
                    sales: {product-id: sku, date: returned_on, units: qty, scale: -1, returns: true}
                """;
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(mapping));
        land("with-returns", "sales.csv", "sku,day,qty\nA,2024-01-08,5\nA,2024-01-15,4\n");
        land("with-returns", "returns.csv", "sku,returned_on,qty\nA,2024-01-16,1\nB,2024-01-09,2\n");

        IngestionRun run = ingestion.run("with-returns", "s3://test-bucket/landing/with-returns/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        // B was only returned: no positive sale, no launch, its row counted by the launch rule
        assertThat(sales(run)).isEqualTo("A@all 2024-01-08=5; A@all 2024-01-15=3");
    }

    @Test
    void pricesWrittenWithACurrencySignAreReadAsTheirNumbers() throws Exception {
        String mapping = """
                name: signed-prices
                version: 1
                period: week
                launch: {date: first-sale}
                launch-attributes: {price: {median: price}}
                sources:
                  - name: sales
                    files: [{match: "sales.csv"}]
                    sales: {product-id: sku, date: day, units: qty, values: {price: price}}
                """;
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(mapping));
        // before, a price of '£2.55' was no number to the launch attribute: the product got no price, silently
        land("signed-prices", "sales.csv", "sku,day,qty,price\nA,2024-01-08,2,£2.55\nA,2024-01-09,1,£2.45\n"
                + "B,2024-01-09,1,3.10 €\n");

        IngestionRun run = ingestion.run("signed-prices", "s3://test-bucket/landing/signed-prices/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(products(run, "price")).isEqualTo("A 2024-01-08 2.5; B 2024-01-08 3.1");
    }

    private void land(String file, String text) {
        ingestion.store.put("landing/shop-exports/drop/" + file, text.getBytes(StandardCharsets.UTF_8), "text/csv");
    }
}
