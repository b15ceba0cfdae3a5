package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exports whose dates are counts, through a mapping alone: transactions that number their days (day 1 is the
 * first day of the study) and an event log stamped in milliseconds since 1970 where each purchase event is one
 * unit. A count that is not a whole number lands in quarantine with its line and reason.
 */
class CountedDatesIngestionTest extends IngestionTest {

    static final String NUMBERED_DAYS = """
            name: numbered-days
            version: 1
            period: week
            rejected-share-threshold: 0.5
            attributes:
              department: string
            launch:
              date: first-sale
            sources:
              - name: products
                files: [{match: "product.csv"}]
                products:
                  product-id: PRODUCT_ID
                  attributes: {department: DEPARTMENT}
              - name: transactions
                files: [{match: "transaction_data.csv"}]
                sales:
                  product-id: PRODUCT_ID
                  region: STORE_ID
                  date: {column: DAY, counts: {unit: day, from: 2019-12-31}}
                  units: QUANTITY
            """;

    static final String EVENT_LOG = """
            name: event-log
            version: 1
            period: day
            launch:
              date: first-sale
            sources:
              - name: events
                files: [{match: "events.csv"}]
                exclude:
                  - {rule: not-a-purchase, value: event, in: [view, addtocart]}
                sales:
                  product-id: itemid
                  date: {column: timestamp, counts: {unit: millisecond, from: 1970-01-01}}
                  units: {constant: "1"}
            """;

    @Test
    void dayNumbersCountFromTheGivenDateAndABadCountIsQuarantined() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(NUMBERED_DAYS));
        land("numbered-days", "product.csv", """
                PRODUCT_ID,DEPARTMENT
                1,GROCERY
                2,PRODUCE
                """);
        // day 1 = 2020-01-01 (a Wednesday), day 6 = 2020-01-06 (the next ISO week), day 33 = 2020-02-02
        land("numbered-days", "transaction_data.csv", """
                household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,STORE_ID
                7,100,1,1,2,364
                7,101,6,1,1,364
                8,102,33,2,4,31
                8,103,3.5,2,1,31
                8,104,,2,1,31
                """);

        IngestionRun run = ingestion.run("numbered-days", "s3://test-bucket/landing/numbered-days/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().read()).isEqualTo(2 + 5);
        assertThat(run.rows().rejected()).isEqualTo(2);
        assertThat(run.rows().read()).isEqualTo(run.rows().accepted() + run.rows().rejected() + run.rows().duplicates());
        assertThat(products(run, "attr_department")).isEqualTo("1 2019-12-30 GROCERY; 2 2020-01-27 PRODUCE");
        assertThat(sales(run)).isEqualTo("1@364 2019-12-30=2; 1@364 2020-01-06=1; 2@31 2020-01-27=4");
        var quarantined = quarantine("numbered-days", run);
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(quarantined.get(0).get("reason").asString())
                .contains("sales date '3.5' is not a whole number of days from 2019-12-31");
        assertThat(quarantined.get(1).get("reason").asString()).contains("sales date is required but empty");
    }

    @Test
    void millisecondTimestampsAreUtcDaysAndEachPurchaseEventIsOneUnit() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(EVENT_LOG));
        // 1433221332117 = 2015-06-02T05:02:12.117Z; 1433286000000 = 2015-06-02T23:00:00Z (2015-06-03 in UTC+2:
        // stays on the 2nd); 1433289600000 = 2015-06-03T00:00:00Z
        land("event-log", "events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433221332117,257597,view,355908,
                1433221332117,257597,transaction,355908,4000
                1433286000000,9,transaction,355908,4001
                1433286000000,9,transaction,355908,4001
                1433289600000,10,addtocart,248676,
                1433289600000,10,transaction,248676,4002
                """);

        IngestionRun run = ingestion.run("event-log", "s3://test-bucket/landing/event-log/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().excludedByRule()).containsEntry("not-a-purchase", 2L);
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.period()).isEqualTo("day");
        assertThat(products(run, "'-'")).isEqualTo("248676 2015-06-03 -; 355908 2015-06-02 -");
        assertThat(sales(run)).isEqualTo("248676@all 2015-06-03=1; 355908@all 2015-06-02=3");
    }

    @Test
    void secondTimestampsMayCarryAFractionOfASecond() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(EVENT_LOG
                .replace("unit: millisecond", "unit: second").replace("launch:", "rejected-share-threshold: 0.5\nlaunch:")));
        land("event-log", "events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433221332.117,257597,transaction,355908,4000
                1433289599.999999,9,transaction,355908,4001
                1433289600,10,transaction,248676,4002
                1433289600.5.1,11,transaction,248676,4003
                """);

        IngestionRun run = ingestion.run("event-log", "s3://test-bucket/landing/event-log/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isEqualTo(1);
        assertThat(quarantine("event-log", run).get(0).get("reason").asString())
                .contains("sales date '1433289600.5.1' is not a number of seconds from 1970-01-01");
        assertThat(sales(run)).isEqualTo("248676@all 2015-06-03=1; 355908@all 2015-06-02=2");
    }
}
