package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers as exports write them, through a mapping alone: a German spreadsheet export ({@code ;} between fields,
 * {@code ,} before the decimals, {@code .} between thousands) whose units, prices, weights, pack sizes and unit
 * prices are read as the export means them; a value that is no number in that notation lands in quarantine with
 * its reason.
 */
class NumberNotationIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: export-de
            version: 1
            period: week
            rejected-share-threshold: 0.5
            attributes:
              weight: double
              pack: integer
            launch: {date: first-sale}
            launch-attributes:
              window: {from: 0, to: 0}
              price: {median: unit_price}
            sources:
              - name: articles
                files: [{match: "articles.csv"}]
                format: {delimiter: ";", decimal: ",", grouping: "."}
                products:
                  product-id: article
                  attributes: {weight: weight, pack: pack}
              - name: sales
                files: [{match: "sales.csv"}]
                format: {delimiter: ";", decimal: ",", grouping: "."}
                exclude:
                  - {rule: samples, value: unit_price, below: 0.01}
                sales:
                  product-id: article
                  date: {column: day, format: dd.MM.yyyy}
                  units: menge
                  rounding: half-up
                  returns: true
                  values: {unit_price: unit_price}
            """;

    @Test
    void aGermanExportsNumbersAreReadAsItMeansThem() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING));
        land("export-de", "articles.csv", """
                article;weight;pack
                A;0,75;1.000
                B;1.250,5;12
                C;1,5;1,5
                """);
        land("export-de", "sales.csv", """
                article;day;menge;unit_price
                A;07.01.2019;1.200;2,55
                A;08.01.2019;2,5;2,45
                A;09.01.2019;2-;2,45
                B;07.01.2019;3;1.099,00
                B;09.01.2019;1,23,4;1.099,00
                B;10.01.2019;1.5;1.099,00
                A;09.01.2019;1;0,00
                """);

        IngestionRun run = ingestion.run("export-de", "s3://test-bucket/landing/export-de/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().excludedByRule()).containsEntry("samples", 1L);
        assertThat(run.rows().rejected()).isEqualTo(3);
        var reasons = quarantine("export-de", run).stream().map(r -> r.get("reason").asString()).toList();
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("attribute pack '1,5' is not an integer"
                + " written with ',' decimals and '.' between thousands"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("units '1,23,4' is not a number written with ','"));
        assertThat(reasons).as("a group of one digit is no thousands separator: more likely a decimal point")
                .anySatisfy(r -> assertThat(r).contains("units '1.5' is not a number"));
        assertThat(products(run, "attr_weight || ' ' || attr_pack || ' ' || price"))
                .isEqualTo("A 2019-01-07 0.75 1000 2.5; B 2019-01-07 1250.5 12 1099.0");
        assertThat(sales(run)).as("a return written with its minus after it, as ERP exports do")
                .isEqualTo("A@all 2019-01-07=1201; B@all 2019-01-07=3");
    }

    @Test
    void aValueFoundThroughALookupIsReadAsItsTableWritesIt() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: mixed
                version: 1
                attributes:
                  weight: double
                sources:
                  - name: weights
                    files: [{match: "weights.csv"}]
                    format: {delimiter: ";", decimal: ","}
                    lookup: {key: article}
                  - name: articles
                    files: [{match: "articles.csv"}]
                    products:
                      product-id: article
                      launch-date: launch
                      price: price
                      attributes: {weight: {column: article, lookup: {source: weights, column: kg}}}
                  - name: sales
                    files: [{match: "sales.csv"}]
                    sales: {product-id: article, date: day, units: units}
                """));
        land("mixed", "weights.csv", """
                article;kg
                A;0,75
                """);
        land("mixed", "articles.csv", """
                article,launch,price
                A,2019-01-07,2.50
                """);
        land("mixed", "sales.csv", """
                article,day,units
                A,2019-01-08,4
                """);

        IngestionRun run = ingestion.run("mixed", "s3://test-bucket/landing/mixed/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(products(run, "attr_weight || ' ' || price")).isEqualTo("A 2019-01-07 0.75 2.5");
    }
}
