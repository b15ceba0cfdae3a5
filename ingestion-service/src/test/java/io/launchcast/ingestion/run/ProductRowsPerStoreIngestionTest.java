package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file with a row per product and store, as store-level fashion exports write it: each row repeats the product's
 * fields next to that store's weekly sales since its opening date there, at its price there. The product is defined
 * once, launched at its earliest opening, at the median of its prices; each store's row adds its sales, and the
 * number of its stores (its footprint, known before launch from the store list) is a launch attribute.
 */
class ProductRowsPerStoreIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: stores
            version: 1
            period: week
            rejected-share-threshold: 0.5
            attributes:
              category: string
              stores: integer
            launch-attributes:
              window: {from: 0, to: 11}
              attributes: {stores: {distinct: region}}
            sources:
              - name: products
                files: [{match: "train.csv", split: train}]
                products:
                  product-id: external_code
                  launch-date: release_date
                  price: price
                  attributes: {category: category}
                sales:
                  region: retail
                  wide:
                    columns: ["0", "1", "2"]
            """;

    @Test
    void eachStoresRowAddsItsSalesToTheProductItsFirstRowDefined() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING));
        land("stores", "train.csv", """
                external_code,retail,category,release_date,price,0,1,2
                5,1,skirt,2019-01-14,10,3,2,1
                5,2,skirt,2019-01-07,12,1,0,4
                6,1,dress,2019-01-14,30,0,1,0
                5,2,skirt,2019-01-07,12,1,0,4
                5,1,skirt,2019-01-14,10,9,9,9
                5,3,dress,2019-01-14,10,1,1,1
                6,2,dress,2019-01-14,30,2,0,0
                6,2,dress,2019-01-14,30,2,0,1
                5,4,skirt,2019-01-21,20,0,5,0
                """);

        IngestionRun run = ingestion.run("stores", "s3://test-bucket/landing/stores/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().read()).isEqualTo(9);
        assertThat(run.rows().accepted()).isEqualTo(5);
        assertThat(run.rows().duplicates()).isEqualTo(1);
        assertThat(run.rows().rejected()).isEqualTo(3);
        assertThat(products(run, "price || ' ' || attr_category || ' ' || attr_stores"))
                .as("the stores of its rows, whether they sold or not").isEqualTo("5 2019-01-07 12.0 skirt 3;"
                        + " 6 2019-01-14 30.0 dress 2");
        // each store's weeks from its own opening
        assertThat(sales(run)).isEqualTo("5@1 2019-01-14=3; 5@1 2019-01-21=2; 5@1 2019-01-28=1;"
                + " 5@2 2019-01-07=1; 5@2 2019-01-14=0; 5@2 2019-01-21=4;"
                + " 5@4 2019-01-21=0; 5@4 2019-01-28=5; 5@4 2019-02-04=0;"
                + " 6@1 2019-01-14=0; 6@1 2019-01-21=1; 6@1 2019-01-28=0;"
                + " 6@2 2019-01-14=2; 6@2 2019-01-21=0; 6@2 2019-01-28=0");
        assertThat(ingestion.manifest(run).attributes()).extracting(a -> a.name() + " " + a.type() + " " + a.role())
                .as("serving sets the footprint from the stores a request names").containsExactly(
                        "category STRING null", "stores INTEGER footprint");
        var quarantined = quarantine("stores", run);
        assertThat(quarantined).extracting(r -> r.get("line").asLong() + " " + r.get("reason").asString())
                .containsExactly(
                        "5 duplicate of train.csv line 3",
                        "6 product 5 was already given other values in region 1 at train.csv line 2",
                        "7 product 5 was already defined with different values at train.csv line 2",
                        "9 product 6 was already given other values in region 2 at train.csv line 8");
    }
}
