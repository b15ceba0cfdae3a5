package io.launchcast.ingestion.run;

import static io.launchcast.ingestion.run.VisuelleIngestionTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dates as exports write them, through a mapping alone: a monthly export's launch months {@code 2013-01} and sales
 * months {@code Feb 2013}, {@code 03/2013} (a pattern without a day means the month's first day); timestamps with a
 * space or a {@code T}, with or without an offset, read without a pattern; week codes dated through a calendar
 * table whose code repeats on each day of the week.
 */
class DateFormsIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: monthly
            version: 1
            period: month
            attributes:
              family: string
            sources:
              - name: items
                files: [{match: "items.csv"}]
                products:
                  product-id: item
                  launch-date: {column: first_month, format: yyyy-MM}
                  attributes: {family: family}
              - name: sales
                files: [{match: "sales.csv"}]
                sales:
                  product-id: item
                  date: {column: month, format: "MMM yyyy"}
                  units: units
              - name: late-sales
                files: [{match: "late.csv"}]
                sales:
                  product-id: item
                  date: {column: month, format: MM/yyyy}
                  units: units
            """;

    @Test
    void monthsWithoutADayAreTheirFirstDay() throws Exception {
        IngestionRun run = monthly("""
                item,family,first_month
                A,GROCERY,2013-01
                B,CLEANING,2013-02
                """, """
                item,month,units
                A,Jan 2013,5
                A,Feb 2013,3
                B,Feb 2013,7
                """, """
                item,month,units
                B,03/2013,2
                """);

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isZero();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, ingestion.download(ingestion.manifest(run), temp.resolve("curated")));
            assertThat(single(s, "SELECT string_agg(product_id || ' ' || launch_date, '; ' ORDER BY product_id)"
                    + " FROM products")).isEqualTo("A 2013-01-01; B 2013-02-01");
            assertThat(single(s, "SELECT string_agg(product_id || ' ' || period_start || '=' || units, '; '"
                    + " ORDER BY product_id, period_start) FROM sales"))
                    .isEqualTo("A 2013-01-01=5; A 2013-02-01=3; B 2013-02-01=7; B 2013-03-01=2");
        }
    }

    @Test
    void isoWeeksWithoutTheirDayAreTheirMonday() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: plan
                version: 1
                period: week
                rejected-share-threshold: 0.5
                launch: {date: first-sale}
                sources:
                  - name: weekly
                    files: [{match: "weekly.csv"}]
                    sales:
                      product-id: item
                      date: {column: week, format: "YYYY-'W'ww"}
                      units: units
                """));
        // ISO weeks: 2020-W53 begins on Monday 2020-12-28, 2021-W01 on 2021-01-04; 2021 has no week 54
        land("plan", "weekly.csv", """
                item,week,units
                A,2020-W53,4
                A,2021-W01,2
                B,2023-W01,1
                B,2021-W54,9
                """);

        IngestionRun run = ingestion.run("plan", "s3://test-bucket/landing/plan/drop/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isEqualTo(1);
        assertThat(sales(run)).isEqualTo("A@all 2020-12-28=4; A@all 2021-01-04=2; B@all 2023-01-02=1");
    }

    @Test
    void salesBeforeALaunchDateAreCountedSoAWrongLaunchColumnShows() throws Exception {
        IngestionRun run = monthly("""
                item,family,first_month
                A,GROCERY,2013-01
                B,CLEANING,2013-03
                """, """
                item,month,units
                A,Jan 2013,5
                B,Jan 2013,4
                B,Feb 2013,2
                B,Mar 2013,7
                """, "item,month,units\n");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rules())
                .containsEntry("launch-date: products sold before their launch period (those sales are history,"
                        + " in no launch curve)", 1L)
                .containsEntry("launch-date: units sold before the launch period", 6L);
        assertThat(sales(run)).as("published as they are").contains("B@all 2013-01-01=4", "B@all 2013-02-01=2");
    }

    @Test
    void aColumnAddedToLaterExportsIsOptionalAndTheFilesWithoutItAreCounted() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: evolving
                version: 1
                period: week
                launch: {date: first-sale}
                sources:
                  - name: sales
                    files: [{match: "*.csv"}]
                    sales:
                      product-id: item
                      region: {column: channel, optional: true}
                      date: day
                      units: units
                """));
        land("evolving", "2024-01.csv", """
                item,day,units
                A,2024-01-08,2
                """);
        land("evolving", "2024-02.csv", """
                item,day,units,channel
                A,2024-02-05,3,web
                """);
        land("evolving", "2024-04.csv", """
                item,day,units,Channel
                A,2024-04-01,1,shop
                """);
        land("evolving", "2024-03.csv", """
                day,units,channel
                2024-03-04,1,web
                """);

        IngestionRun run = ingestion.run("evolving", "s3://test-bucket/landing/evolving/drop/");

        assertThat(run.state()).as("a required column is still required").isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("2024-03.csv").contains("item");
        ingestion.store.delete("landing/evolving/drop/2024-03.csv");
        IngestionRun again = ingestion.run("evolving", "s3://test-bucket/landing/evolving/drop/");
        assertThat(again.state()).as(() -> String.valueOf(again.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(again.rules()).as("a CSV header is matched as written: 'Channel' is not the column 'channel'")
                .containsEntry("optional column channel: files without it (their rows have no value)", 2L);
        assertThat(sales(again)).isEqualTo("A@all 2024-01-08=2; A@all 2024-04-01=1; A@web 2024-02-05=3");
    }

    /** A run of {@link #MAPPING} on these items, sales by month name and late sales by month number. */
    private IngestionRun monthly(String items, String sales, String late) {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping(MAPPING));
        ingestion.store.putText("landing/monthly/items.csv", items);
        ingestion.store.putText("landing/monthly/sales.csv", sales);
        ingestion.store.putText("landing/monthly/late.csv", late);
        return ingestion.run("monthly", "s3://test-bucket/landing/monthly/");
    }

    @Test
    void weekCodesAreDatedThroughACalendarWhoseCodeRepeatsOnEachDay() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: week-codes
                version: 1
                period: {unit: week, first-day: saturday}
                launch: {date: first-sale}
                sources:
                  - name: calendar
                    files: [{match: "calendar.csv"}]
                    lookup: {key: wm_yr_wk, repeated: first}
                  - name: sales
                    files: [{match: "weekly.csv"}]
                    sales:
                      product-id: item
                      date: {column: wm_yr_wk, lookup: {source: calendar, column: date}}
                      units: units
                """));
        StringBuilder calendar = new StringBuilder("date,wm_yr_wk,weekday\n");
        java.time.LocalDate day = java.time.LocalDate.of(2011, 1, 29); // a Saturday, the first of week 11101
        for (int i = 0; i < 14; i++, day = day.plusDays(1)) {
            calendar.append(day).append(',').append(i < 7 ? "11101" : "11102").append(',').append(day.getDayOfWeek())
                    .append('\n');
        }
        ingestion.store.putText("landing/week-codes/calendar.csv", calendar.toString());
        ingestion.store.putText("landing/week-codes/weekly.csv", """
                item,wm_yr_wk,units
                A,11101,5
                A,11102,3
                """);

        IngestionRun run = ingestion.run("week-codes", "s3://test-bucket/landing/week-codes/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).isZero();
        assertThat(run.rows().duplicates()).as("the calendar's other six days of each week").isEqualTo(12);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, ingestion.download(ingestion.manifest(run), temp.resolve("curated")));
            assertThat(single(s, "SELECT string_agg(period_start || '=' || units, '; ' ORDER BY period_start)"
                    + " FROM sales")).isEqualTo("2011-01-29=5; 2011-02-05=3");
        }
    }

    @Test
    void isoTimestampsWithASpaceOrAnOffsetNeedNoPattern() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mapping("""
                name: stamped
                version: 1
                period: day
                rejected-share-threshold: 0.5
                default-region: all            # plain columns: the fast lane, which hands timestamps to the rows' path
                launch: {date: first-sale}
                sources:
                  - name: events
                    files: [{match: "events.csv"}]
                    sales: {product-id: item, date: at, units: units}
                """));
        ingestion.store.putText("landing/stamped/events.csv", """
                item,at,units
                A,2015-06-02 05:02:12,1
                A,2015-06-02T23:30:00+02:00,2
                A,2015-06-03T00:15:00Z,3
                A,2015-06-04 08:00:00.123456,4
                A,2015-06-04 8:00,5
                """);

        IngestionRun run = ingestion.run("stamped", "s3://test-bucket/landing/stamped/");

        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows().rejected()).as("an hour without its two digits is no ISO time").isEqualTo(1);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, ingestion.download(ingestion.manifest(run), temp.resolve("curated")));
            // 23:30 at +02:00 is the 2nd where it was written
            assertThat(single(s, "SELECT string_agg(period_start || '=' || units, '; ' ORDER BY period_start)"
                    + " FROM sales")).isEqualTo("2015-06-02=3; 2015-06-03=3; 2015-06-04=4");
        }
    }
}
