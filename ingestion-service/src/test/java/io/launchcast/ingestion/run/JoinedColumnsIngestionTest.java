package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values an export spreads over several columns, through a mapping alone: a month written as a year and a month
 * column, a product named by its make and model, and a lookup table keyed by two columns (a class of a family).
 */
class JoinedColumnsIngestionTest extends IngestionTest {

    static final String REGISTRATIONS = """
            name: registrations
            version: 1
            period: month
            rejected-share-threshold: 0.5
            launch:
              date: first-sale
            sources:
              - name: registrations
                files: [{match: "by-model.csv"}]
                sales:
                  product-id: {columns: [Make, Model]}
                  date: {columns: [Year, Month], separator: "-", format: "yyyy-M"}
                  units: Quantity
            """;

    static final String CLASSES = """
            name: classes
            version: 1
            period: week
            rejected-share-threshold: 0.5
            attributes:
              class: string
            launch:
              date: first-sale
            sources:
              - name: classes
                files: [{match: "classes.csv"}]
                lookup: {key: [family, class]}
              - name: items
                files: [{match: "items.csv"}]
                products:
                  product-id: item_nbr
                  attributes:
                    class: {columns: [family, class], lookup: {source: classes, column: class_name}}
              - name: sales
                files: [{match: "train.csv"}]
                sales:
                  product-id: item_nbr
                  date: date
                  units: unit_sales
            """;

    @Test
    void aMonthInYearAndMonthColumnsAndAProductNamedByMakeAndModel() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(REGISTRATIONS));
        land("registrations", "by-model.csv", """
                Year,Month,Make,Model,Quantity
                2007,1,Toyota,Yaris,10
                2007,2,Toyota,Yaris,5
                2007,12, Volvo ,V70,3
                2008,,Volvo,V70,1
                2008,13,Volvo,V70,1
                """);

        IngestionRun run = ingestion.run("registrations", "s3://test-bucket/landing/registrations/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isEqualTo(2);
        assertThat(products(run, "'-'")).isEqualTo("Toyota Yaris 2007-01-01 -; Volvo V70 2007-12-01 -");
        assertThat(sales(run)).isEqualTo(
                "Toyota Yaris@all 2007-01-01=10; Toyota Yaris@all 2007-02-01=5; Volvo V70@all 2007-12-01=3");
        var quarantined = quarantine("registrations", run);
        assertThat(quarantined.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(quarantined.get(0).get("reason").asString())
                .contains("sales date is required but empty (column Month)");
        assertThat(quarantined.get(1).get("reason").asString()).contains("2008-13");
    }

    @Test
    void aLookupKeyedByTwoColumnsIsFoundByAFieldOfTheSameTwo() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(CLASSES));
        // class 1045 is a different class in each family: one column alone could not tell them apart
        land("classes", "classes.csv", """
                family,class,class_name
                GROCERY I,1045,rice
                CLEANING,1045,detergent
                """);
        land("classes", "items.csv", """
                item_nbr,family,class
                1,GROCERY I,1045
                2,CLEANING,1045
                3,CLEANING,9999
                """);
        land("classes", "train.csv", """
                date,item_nbr,unit_sales
                2017-01-02,1,4
                2017-01-03,2,2
                """);

        IngestionRun run = ingestion.run("classes", "s3://test-bucket/landing/classes/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(products(run, "attr_class")).isEqualTo("1 2017-01-02 rice; 2 2017-01-02 detergent");
        assertThat(quarantine("classes", run)).singleElement().satisfies(row -> assertThat(
                row.get("reason").asString()).contains("no row with key 'CLEANING 9999' in lookup classes"));
    }
}
