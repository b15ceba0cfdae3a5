package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.draft.MappingDraft;
import io.launchcast.ingestion.mapping.MappingReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A folder of raw exports gets a first mapping drafted from its files that the ingestion reads as it stands: each
 * guess is one a person would make, and the drafted mapping ingests the files with every row accounted for.
 */
class DraftedMappingIngestionTest extends IngestionTest {

    @Test
    void invoiceLinesWithoutACatalogueLaunchAtTheirFirstSaleWithPriceAndDescriptionFromTheirSales() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("gift-shop"));
        StringBuilder day1 = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                + "CustomerID,Country\n");
        StringBuilder day2 = new StringBuilder(day1);
        for (int i = 0; i < 40; i++) {
            day1.append(500 + i).append(",8512").append(i % 5).append(",WHITE HANGING HEART ").append(i % 5)
                    .append(',').append(1 + i % 3).append(",2011-01-0").append(3 + i % 4).append(" 08:26:00,")
                    .append("2.55,17850.0,").append(i % 2 == 0 ? "United Kingdom" : "France").append('\n');
            day2.append(600 + i).append(",2270").append(i % 4).append(",\"RED LANTERN, SMALL\",")
                    .append(i % 7 == 0 ? -1 : 2).append(",2011-02-1").append(i % 5).append(" 10:00:00,4.95,,")
                    .append("Germany\n");
        }
        write(folder.resolve("2011-01-03.csv"), day1);
        write(folder.resolve("2011-02-10.csv"), day2);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("name: gift-shop", "period: week", "files: [{match: \"*.csv\"}]",
                "product-id: StockCode", "date: InvoiceDate", "units: Quantity", "region: Country", "returns: true",
                "date: first-sale", "left-censoring: {within-days: 56}", "price: {median: price}", "description: {most-frequent: description}");
        assertThat(draft.training()).contains("horizon: 12", "cutoff: 2011-");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(80);
        assertThat(run.rows().accepted()).isEqualTo(80);
        assertThat(products(run, "price")).startsWith("22700 2011-02-07 4.95; 22701 2011-02-07 4.95;");
    }

    @Test
    void anOrderExportWithLineItemsAndACatalogueOfDatedLaunches() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("web-shop"));
        write(folder.resolve("catalogue.csv"), new StringBuilder("""
                Vendor,Handle,Title,Product Type,Variant Price,Release Date
                north,p1,star lamp,lamp,EUR 27.43,01.03.2024
                north,p2,blue mug,mug,EUR 9.90,04.03.2024
                studio,p3,red mug,mug,EUR 8.50,11.03.2024
                """));
        StringBuilder orders = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            orders.append("{\"order\": {\"id\": ").append(i).append(", \"created_at\": \"2024-03-")
                    .append(String.format("%02d", 11 + i % 15)).append("T10:00:00\", \"line_items\": [{\"sku\": \"p")
                    .append(1 + i % 3).append("\", \"quantity\": ").append(1 + i % 2).append("}, {\"sku\": \"p")
                    .append(1 + (i + 1) % 3).append("\", \"quantity\": 1}]}, \"shipping\": {\"country\": \"")
                    .append(i % 2 == 0 ? "DE" : "FR").append("\"}}\n");
        }
        write(folder.resolve("orders-2024-03.jsonl"), orders);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("format: {type: jsonl, explode: order.line_items}",
                "product-id: order.line_items.sku", "region: shipping.country", "units: order.line_items.quantity",
                "date: order.created_at", "product-id: Handle", "launch-date: {column: \"Release Date\", format: dd.MM.yyyy}",
                "price: \"Variant Price\"", "product_type: \"Product Type\"");
        assertThat(draft.mapping().indexOf("name: catalogue")).isLessThan(draft.mapping().indexOf("name: orders"));
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(3 + 60);
        assertThat(run.rows().accepted()).isEqualTo(3 + 60);
        assertThat(products(run, "price")).isEqualTo("p1 2024-03-01 27.43; p2 2024-03-04 9.9; p3 2024-03-11 8.5");
    }

    @Test
    void aJsonDocumentOfOrdersFromAnApiIsExplodedAtItsRecordsAndLineItems() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("api-export"));
        StringBuilder orders = new StringBuilder("{\"meta\": {\"page\": 1},\n \"data\": {\"orders\": [\n");
        for (int i = 0; i < 30; i++) {
            orders.append(i == 0 ? "" : ",\n").append("  {\"order_id\": ").append(i).append(", \"date\": \"2024-03-")
                    .append(String.format("%02d", 1 + i % 28)).append("\", \"items\": [{\"item_id\": \"i")
                    .append(i % 4).append("\", \"qty\": ").append(1 + i % 3).append("}]}");
        }
        write(folder.resolve("orders.json"), orders.append("\n]}}\n"));

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("format: {type: json, records: data.orders, explode: items}",
                "product-id: items.item_id", "date: date", "units: items.qty");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(30);
        assertThat(run.rows().accepted()).isEqualTo(30);
    }

    @Test
    void aParquetEventExportsListOfItemsIsExploded() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("events"));
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement s = db.createStatement()) {
            s.execute("COPY (SELECT strftime(DATE '2024-03-01' + (i % 20)::INTEGER, '%Y-%m-%d') AS event_date,"
                    + " {'name': 'purchase', 'items': [{'item_id': 'i' || (i % 4), 'quantity': 1 + i % 3}]} AS event"
                    + " FROM range(30) t(i)) TO '" + folder.resolve("events.parquet") + "' (FORMAT parquet)");
        }

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("format: {type: parquet, explode: event.items}",
                "product-id: event.items.item_id", "date: event_date", "units: event.items.quantity");
        String name = MappingReader.read(draft.mapping(), "draft").name();
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(draft.mapping()));
        ingestion.store.put("landing/" + name + "/drop/events.parquet",
                Files.readAllBytes(folder.resolve("events.parquet")), "application/vnd.apache.parquet");
        IngestionRun run = ingestion.run(name, "s3://test-bucket/landing/" + name + "/drop/");
        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().accepted()).isEqualTo(30);
    }

    @Test
    void oneRowPerProductWithWeeklySalesColumnsInATrainAndATestFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("fashion"));
        String header = "0,1,2,3,external_code,season,category,release_date,image_path,color\n";
        StringBuilder train = new StringBuilder(header);
        StringBuilder test = new StringBuilder(header);
        for (int i = 0; i < 20; i++) {
            (i < 15 ? train : test).append(i % 4).append(',').append(i % 3).append(",1,0,").append(100 + i)
                    .append(i < 10 ? ",SS19," : ",AW19,").append(i % 2 == 0 ? "culottes" : "maxi").append(",2019-0")
                    .append(1 + i % 9).append("-0").append(1 + i % 7).append(",PE19/").append(i).append(".png,")
                    .append(i % 3 == 0 ? "red" : "blue").append('\n');
        }
        write(folder.resolve("train.csv"), train);
        write(folder.resolve("test.csv"), test);
        write(folder.resolve("trends.csv"), new StringBuilder("""
                date,culottes,maxi,red
                2018-12-31,55.0,41.0,66
                2019-01-07,50.0,44.0,73
                """));

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("{match: test.csv, split: test}, {match: train.csv, split: train}",
                "product-id: external_code", "launch-date: release_date", "season: season", "category: category",
                "color: color", "wide: {columns: [\"0\", \"1\", \"2\", \"3\"]}", "signal: {constant: trends}",
                "wide: {all-other-columns: true}").doesNotContain("image_path:");
        assertThat(draft.training()).contains("horizon: 4", "column: split", "fitValue: train", "testValue: test");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(20 + 2);
        assertThat(run.rows().accepted()).isEqualTo(20 + 2);
    }

    @Test
    void aSeriesFileWritingOneNegativeNumberOrAWordForNoValueGetsThemAsMissingMarkers() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("trended"));
        StringBuilder products = new StringBuilder("0,1,2,3,external_code,category,release_date\n");
        for (int i = 0; i < 12; i++) {
            products.append(i % 4).append(',').append(i % 3).append(",1,0,").append(200 + i).append(',')
                    .append(i % 2 == 0 ? "skirt" : "coat").append(",2019-0").append(1 + i % 6).append("-01\n");
        }
        write(folder.resolve("products.csv"), products);
        // Google Trends exports write -1 (or -1.0) where a term had no value; other series write NA. This one is
        // delimited by semicolons, which the signals source must say as any source does
        write(folder.resolve("trends.csv"), new StringBuilder("""
                date;skirt;coat;knit
                2018-12-31;55.0;-1;66
                2019-01-07;-1.0;44.0;NA
                2019-01-14;0.0;41.0;70
                2019-01-21;52.0;-1;NA
                """));

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("signal: {constant: trends}", "format: {delimiter: \";\"}",
                "wide: {all-other-columns: true, missing: [\"-1\", \"-1.0\", \"NA\"]}");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(12 + 4);
        assertThat(query(run, "SELECT count(*) FILTER (WHERE value IS NULL) || ' ' || count(*) FILTER (WHERE value < 0)"
                + " FROM signals")).isEqualTo("5 0");
    }

    @Test
    void aCategoryTableTheCatalogueRefersToIsALookupOfItsAttributes() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("star"));
        write(folder.resolve("categories.csv"), new StringBuilder("""
                category_id,category_name,department
                10,Dresses,Apparel
                11,Shirts,Apparel
                12,Bags,Accessories
                13,Hats,Accessories
                """));
        StringBuilder products = new StringBuilder("sku,product_name,category_id,launch_date,list_price\n");
        StringBuilder sales = new StringBuilder("sku,order_date,qty\n");
        for (int i = 0; i < 24; i++) {
            products.append("SKU").append(100 + i).append(",Item ").append(i).append(i % 2 == 0 ? " red" : " blue")
                    .append(',').append(10 + i % 4).append(",2023-0").append(1 + i % 6).append("-01,")
                    .append(20 + i).append(".99\n");
            sales.append("SKU").append(100 + i).append(",2023-0").append(1 + i % 6).append("-1").append(i % 9)
                    .append(',').append(1 + i % 5).append('\n');
        }
        write(folder.resolve("products.csv"), products);
        write(folder.resolve("sales.csv"), sales);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("lookup: {key: category_id}",
                "category_name: {column: category_id, lookup: {source: categories, column: category_name,"
                        + " missing: empty}}",
                "department: {column: category_id, lookup: {source: categories, column: department, missing: empty}}",
                "category_name: string", "department: string").doesNotContain("product-id: category_id");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(4 + 24 + 24);
        assertThat(products(run, "attr_department")).startsWith("SKU100 2023-01-01 Apparel; SKU101 2023-02-01 Apparel;"
                + " SKU102 2023-03-01 Accessories;");
    }

    @Test
    void aStoreTableTheSalesRegionsReferToIsNoCatalogueOfProducts() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("grocery"));
        write(folder.resolve("stores.csv"), new StringBuilder("""
                store_nbr,city,state,type
                1,Quito,Pichincha,D
                2,Quito,Pichincha,A
                3,Guayaquil,Guayas,B
                """));
        StringBuilder items = new StringBuilder("item_nbr,family,perishable\n");
        StringBuilder sales = new StringBuilder("id,date,store_nbr,item_nbr,unit_sales\n");
        for (int i = 0; i < 30; i++) {
            items.append(100000 + 7 * i).append(i % 2 == 0 ? ",GROCERY I," : ",DAIRY,").append(i % 2).append('\n');
            sales.append(i).append(",2016-0").append(1 + i % 9).append("-1").append(i % 10).append(',')
                    .append(1 + i % 3).append(',').append(100000 + 7 * i).append(',').append(1 + i % 4).append(".0\n");
        }
        write(folder.resolve("items.csv"), items);
        write(folder.resolve("sales.csv"), sales);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).containsExactly("not mapped: stores.csv (it describes the sales' regions, store_nbr:"
                + " a region is kept as its id)");
        assertThat(draft.mapping()).contains("product-id: item_nbr", "region: store_nbr", "family: family")
                .doesNotContain("product-id: store_nbr", "city");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(30 + 30);
        assertThat(query(run, "SELECT count(*) FROM products")).isEqualTo("30");
    }

    @Test
    void aTransactionLogWithoutAQuantityIsOneUnitARowBesideItsArticleCatalogue() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("fashion-log"));
        StringBuilder articles = new StringBuilder("article_id,prod_name,product_type_name,colour_group_name\n");
        StringBuilder log = new StringBuilder("t_dat,customer_id,article_id,price,sales_channel_id\n");
        for (int i = 0; i < 20; i++) {
            articles.append("0").append(108775015 + 1000 * i).append(",Strap top ").append(i).append(' ')
                    .append(i % 2 == 0 ? "slim" : "loose").append(i % 3 == 0 ? ",Vest top," : ",Dress,")
                    .append(i % 2 == 0 ? "Black" : "White").append('\n');
            for (int k = 0; k <= i % 3; k++) {
                log.append("2019-0").append(1 + i % 9).append("-2").append(k).append(",c").append(31 * i + k)
                        .append("f00d,0").append(108775015 + 1000 * i).append(",0.0").append(16 + k).append(",2\n");
            }
        }
        write(folder.resolve("articles.csv"), articles);
        write(folder.resolve("transactions_train.csv"), log);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("product-id: article_id", "date: t_dat", "units: {constant: \"1\"}",
                "product_type_name: product_type_name");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(20 + 39);
        assertThat(query(run, "SELECT sum(units) FROM sales")).isEqualTo("39");
    }

    @Test
    void dayColumnsDatedByACalendarTableWithAPriceListByStoreAndWeek() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("day-columns"));
        StringBuilder calendar = new StringBuilder("date,wm_yr_wk,weekday,d,event_name_1\n");
        for (int k = 0; k < 14; k++) {
            calendar.append(java.time.LocalDate.of(2011, 1, 29).plusDays(k)).append(',').append(11101 + k / 7)
                    .append(",Day,d_").append(k + 1).append(",\n");
        }
        StringBuilder sales = new StringBuilder("id,item_id,dept_id,cat_id,store_id,state_id");
        for (int k = 1; k <= 10; k++) {
            sales.append(",d_").append(k);
        }
        sales.append('\n');
        StringBuilder prices = new StringBuilder("store_id,item_id,wm_yr_wk,sell_price\n");
        for (int i = 0; i < 6; i++) {
            for (String store : List.of("CA_1", "TX_1")) {
                String item = (i % 2 == 0 ? "HOBBIES_1_00" : "FOODS_3_00") + i;
                sales.append(item).append('_').append(store).append("_validation,").append(item)
                        .append(i % 2 == 0 ? ",HOBBIES_1,HOBBIES," : ",FOODS_3,FOODS,").append(store).append(',')
                        .append(store, 0, 2);
                for (int k = 1; k <= 10; k++) {
                    sales.append(',').append(k > i ? 1 + (i + k) % 3 : 0);
                }
                sales.append('\n');
                prices.append(store).append(',').append(item).append(",11101,").append(i + 1).append(".97\n")
                        .append(store).append(',').append(item).append(",11102,").append(i + 2).append(".47\n");
            }
        }
        write(folder.resolve("calendar.csv"), calendar);
        write(folder.resolve("sales_train_evaluation.csv"), sales);
        write(folder.resolve("sell_prices.csv"), prices);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("lookup: {key: item_id, repeated: first}",
                "price: {column: item_id, lookup: {source: sell_prices, column: sell_price, missing: empty}}",
                "dept_id: dept_id", "region: store_id",
                "wide: {columns-matching: \"d_[0-9]+\", anchor: {constant: 2011-01-29}, step: day}")
                .doesNotContain("state_id: state_id", "signals:");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(2 * 12 + 24);
        assertThat(products(run, "price || ' ' || attr_dept_id")).isEqualTo("FOODS_3_001 2011-01-24 2.97 FOODS_3;"
                + " FOODS_3_003 2011-01-31 4.97 FOODS_3; FOODS_3_005 2011-01-31 6.97 FOODS_3;"
                + " HOBBIES_1_000 2011-01-24 1.97 HOBBIES_1; HOBBIES_1_002 2011-01-31 3.97 HOBBIES_1;"
                + " HOBBIES_1_004 2011-01-31 5.97 HOBBIES_1");
    }

    @Test
    void orderLinesWithoutADateAreDatedByTheirOrdersHeader() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("erp"));
        StringBuilder headers = new StringBuilder("order_id,order_date,customer_id\n");
        StringBuilder lines = new StringBuilder("order_id,line_no,sku,quantity,unit_price\n");
        for (int o = 0; o < 30; o++) {
            headers.append("SO").append(1000 + o).append(",2022-0").append(1 + o / 5).append("-1").append(o % 5)
                    .append(",C").append(o % 7).append('\n');
            for (int l = 0; l <= o % 2; l++) {
                lines.append("SO").append(1000 + o).append(',').append(l + 1).append(",P").append((o + l) % 12)
                        .append(',').append(1 + o % 4).append(",9.99\n");
            }
        }
        write(folder.resolve("order_headers.csv"), headers);
        write(folder.resolve("order_lines.csv"), lines);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("lookup: {key: order_id}", "product-id: sku",
                "date: {column: order_id, lookup: {source: order_headers, column: order_date}}", "units: quantity");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(30 + 45);
        assertThat(query(run, "SELECT sum(units) || ' ' || min(period_start) FROM sales")).isEqualTo("117 2022-01-10");
    }

    @Test
    void marketplaceItemsOfOneUnitEachDatedByTheirOrdersPurchaseNotTheirShippingLimit() throws Exception {
        // a marketplace's public export: an item row per unit sold, with the seller's shipping limit but no quantity
        // and a freight amount; the purchase date in the orders; a catalogue of numbers, one of them a count of photos
        Path folder = Files.createDirectories(temp.resolve("marketplace"));
        StringBuilder orders = new StringBuilder("order_id,customer_id,order_status,order_purchase_timestamp,"
                + "order_delivered_customer_date,order_estimated_delivery_date\n");
        StringBuilder items = new StringBuilder("order_id,order_item_id,product_id,seller_id,shipping_limit_date,"
                + "price,freight_value\n");
        StringBuilder products = new StringBuilder("product_id,product_category_name,product_photos_qty,"
                + "product_weight_g,review_score\n");
        for (int p = 0; p < 12; p++) {
            products.append("a").append(p).append("f3,").append(p % 2 == 0 ? "beleza_saude" : "esporte_lazer")
                    .append(',').append(1 + p % 4).append(',').append(200 + 150 * p).append(',').append(3 + p % 3)
                    .append('\n');
        }
        for (int o = 0; o < 30; o++) {
            String id = "e4" + (1000 + o) + "b";
            orders.append(id).append(",c").append(o % 9).append(",delivered,2017-0").append(1 + o / 5).append("-1")
                    .append(o % 5).append(" 10:5").append(o % 10).append(":00,2017-0").append(2 + o / 5)
                    .append("-2").append(o % 5).append(" 18:00:00,2017-0").append(2 + o / 5).append("-28 00:00:00\n");
            for (int i = 0; i <= o % 2; i++) {
                items.append(id).append(',').append(i + 1).append(",a").append(o % 12).append("f3,s").append(o % 4)
                        .append(",2017-0").append(1 + o / 5).append("-2").append(o % 5).append(" 10:00:00,")
                        .append(29.9 + o).append(',').append(7.5 + o % 3).append('\n');
            }
        }
        write(folder.resolve("olist_orders_dataset.csv"), orders);
        write(folder.resolve("olist_order_items_dataset.csv"), items);
        write(folder.resolve("olist_products_dataset.csv"), products);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("lookup: {key: order_id}",
                "date: {column: order_id, lookup: {source: olist_orders_dataset, column: order_purchase_timestamp}}",
                "units: {constant: \"1\"}", "product_photos_qty: integer", "product_weight_g: integer",
                "price: {median: price}", "price: price").doesNotContain("shipping_limit_date")
                .as("a score known once the product sells is no launch attribute").doesNotContain("review_score");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(30 + 45 + 12);
        assertThat(query(run, "SELECT sum(units) || ' ' || min(period_start) FROM sales")).isEqualTo("45 2017-01-09");
        assertThat(query(run, "SELECT count(*) FROM products WHERE price IS NOT NULL")).isEqualTo("12");
    }

    @Test
    void aLargeLogSortedByDateHasItsCutoffGuessedFromItsLastDatesToo() throws Exception {
        // one file: its first rows alone put the cutoff within its first days, and the split fitted on nothing
        Path folder = Files.createDirectories(temp.resolve("one-log"));
        StringBuilder log = new StringBuilder("date,sku,quantity\n");
        java.time.LocalDate day = java.time.LocalDate.of(2021, 1, 1);
        for (int row = 0; log.length() < 6 * (1 << 18); row++) {
            log.append(day.plusDays(row / 400)).append(",P").append(row % 97).append(',').append(1 + row % 3)
                    .append('\n');
        }
        write(folder.resolve("sales.csv"), log);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        // 400 rows a day from 2021-01-01 to 2021-08-21; the sample of its end is of mid-July (its first rows alone
        // gave 2020-12-28, the Monday before a day 70 % through their first five days)
        assertThat(draft.training()).contains("cutoff: 2021-05-17   # guessed: 70 % through the sampled sales dates");
    }

    @Test
    void transactionsThatNumberTheirDaysGetCountedDatesFromAStandInTheCheckListNames() throws Exception {
        // a loyalty panel's export: DAY 1..n of the study and WEEK_NO, no calendar date anywhere
        Path folder = Files.createDirectories(temp.resolve("panel"));
        StringBuilder products = new StringBuilder("PRODUCT_ID,MANUFACTURER,DEPARTMENT,BRAND\n");
        for (int p = 0; p < 10; p++) {
            products.append(26190 + p).append(',').append(69 + p % 3).append(p % 2 == 0 ? ",GROCERY" : ",PRODUCE")
                    .append(p % 3 == 0 ? ",Private\n" : ",National\n");
        }
        StringBuilder transactions = new StringBuilder("household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE,"
                + "STORE_ID,WEEK_NO\n");
        for (int day = 1; day <= 60; day++) {
            transactions.append(2375 + day % 7).append(',').append(26984851472L + day).append(',').append(day)
                    .append(',').append(26190 + day % 10).append(",1,1.39,364,").append((day - 1) / 7 + 1)
                    .append('\n');
        }
        write(folder.resolve("product.csv"), products);
        write(folder.resolve("transaction_data.csv"), transactions);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).singleElement().asString().startsWith("DAY of transaction_data.csv numbers its days "
                + "from a date the data does not give: 2000-01-02 stands in");
        assertThat(draft.mapping()).contains("date: {column: DAY, counts: {unit: day, from: 2000-01-02}}",
                "brand: BRAND").doesNotContain("manufacturer: integer");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(10 + 60);
        assertThat(query(run, "SELECT min(period_start) || ' ' || max(period_start) FROM sales"))
                .isEqualTo("2000-01-03 2000-02-28");
        // numbers of that size are days since 1970 or a spreadsheet's days since 1899-12-30
        assertThat(MappingDraft.Counted.of("day", 18_993).from()).isEqualTo("1970-01-01");
        assertThat(MappingDraft.Counted.of("day", 44_197).from()).isEqualTo("1899-12-30");
        assertThat(MappingDraft.Counted.of("week", 104).known()).isFalse();
    }

    @Test
    void postageFeesAndFreeLinesAmongNumberedGoodsAreDraftedAsExclusions() throws Exception {
        // a wholesaler's invoice lines: numbered stock codes, a postage and a bank charge line among them, and a
        // stock adjustment at a price of 0; each drafted as a line of goods sold before
        Path folder = Files.createDirectories(temp.resolve("wholesale"));
        StringBuilder lines = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice\n");
        for (int i = 0; i < 60; i++) {
            lines.append(536365 + i).append(',').append(84029 + i % 30).append(",LANTERN ").append(i % 30).append(',')
                    .append(1 + i % 4).append(",2011-03-").append(10 + i % 15).append(" 09:00:00,")
                    .append(i == 7 ? "0" : "3.39").append('\n');
        }
        lines.append("536500,POST,POSTAGE,2,2011-03-12 10:00:00,18.00\n")
                .append("536501,BANK CHARGES,Bank Charges,1,2011-03-13 10:00:00,15.00\n");
        write(folder.resolve("invoices.csv"), lines);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.mapping()).contains("rule: non-goods", "value: StockCode", "in: [\"BANK CHARGES\", POST]",
                "rule: not-demand", "value: UnitPrice", "at-most: 0");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().read()).isEqualTo(62);
        assertThat(run.rows().excluded()).isEqualTo(3);
        assertThat(run.rows().excludedByRule()).containsEntry("non-goods", 2L).containsEntry("not-demand", 1L);
        assertThat(run.rows().accepted()).isEqualTo(59);
    }

    @Test
    void salesWhoseQuotedCommentsSpanLinesAreReadAsMultilineCsv() throws Exception {
        // a comment of two paragraphs in a quoted value: read line by line, every row after it was cut in two
        Path folder = Files.createDirectories(temp.resolve("comments"));
        StringBuilder sales = new StringBuilder("date,sku,quantity,comment\n");
        for (int i = 0; i < 40; i++) {
            sales.append("2022-03-").append(10 + i % 15).append(",P").append(i % 8).append(',').append(1 + i % 3)
                    .append(",\"Arrived late.\nBox \"\"dented\"\", item fine (").append(i).append(")\"\n");
        }
        write(folder.resolve("sales.csv"), sales);

        MappingDraft.Draft draft = MappingDraft.of(folder);

        assertThat(draft.notes()).isEmpty();
        assertThat(draft.mapping()).contains("format: {multiline: true}", "date: date", "units: quantity");
        IngestionRun run = ingestDrafted(draft, folder);
        assertThat(run.rows().accepted()).isEqualTo(40);
        assertThat(query(run, "SELECT sum(units) FROM sales")).isEqualTo("79");
    }

    private IngestionRun ingestDrafted(MappingDraft.Draft draft, Path folder) throws Exception {
        String name = MappingReader.read(draft.mapping(), "draft").name();
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(draft.mapping()));
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                land(name, file.getFileName().toString(), Files.readString(file));
            }
        }
        IngestionRun run = ingestion.run(name, "s3://test-bucket/landing/" + name + "/drop/");
        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        return run;
    }

    private static void write(Path file, CharSequence text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
