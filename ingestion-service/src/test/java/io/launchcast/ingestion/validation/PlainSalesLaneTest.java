package io.launchcast.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.source.RecordReader;
import io.launchcast.ingestion.source.RecordReaders;
import io.launchcast.ingestion.source.SourceRecord;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lane accepts only what the record path accepts, stages what the record path would stage, and gives back
 * every other row as the record the reader would have made of it.
 */
class PlainSalesLaneTest {

    static final String MAPPING = """
            name: shop
            version: 1
            period: week
            default-region: all
            valid-dates: {from: 2020-01-01, to: 2025-12-31}
            sources:
              - name: catalogue
                files: [{match: "products.csv"}]
                products: {product-id: sku, launch-date: launched}
              - name: sales
                files: [{match: "sales.csv"}]
                sales: {product-id: sku, region: market, date: day, units: qty}
            """;

    /** Every kind of row: plain ones the lane must take, and ones it must leave whatever their verdict. */
    static final String SALES = String.join("\n",
            "tx,sku,market,day,qty,note",
            "1,A,eu,2024-01-03,3,x",           // plain
            "2,B,,2024-01-07,+4,",             // no region: the default; a plus sign
            "3,A,eu,2024-01-08,-0,y",          // minus zero is not negative
            "4,Z,eu,2024-01-03,1,x",           // unknown product
            "5,A,eu,2024-01-03,-2,x",          // negative units
            "6,A,eu,2024-02-30,1,x",           // no such date
            "7,A,eu,2019-12-31,1,x",           // outside the valid dates
            "8,A,eu,2024-1-03,1,x",            // not ISO
            "9,A,eu,2024-01-03T10:00,1,x",     // a timestamp: the record path reads it, the lane leaves it
            "10, A,eu,2024-01-03,1,x",         // padded product: trimmed by the record path
            "11,A,eu ,2024-01-03,1,x",         // padded region
            "12,A,eu,2024-01-03,1.5,x",        // fractional units
            "13,A,eu,2024-01-03,,x",           // no units
            "14,,eu,2024-01-03,1,x",           // no product
            "15,\"A\",eu,2024-01-03,1,x",      // quoted
            "16,Ä,eu,2024-01-03,1,x",          // not ASCII
            "17,A,eu,2024-01-03,1",            // a field short
            "",                                // blank
            "18,A,eu,2024-01-03,1234567890123456789,x", // too long for a plain integer
            "19,A,e;u,2024-01-03,7,x\r",       // carriage return line end, a semicolon in the region
            "20,A,eu,2022-08-03,1,x",          // plain, then a spelling that must not be taken for it:
            "21,A,eu,2022-40-03,1,x",          // ... there is no month 40
            "22,A,eu,2024-01-01,1,x",          // plain, then
            "23,A,eu,2024-01-33,1,x",          // ... no day 33
            "24,A,eu,2024-01-03,2,x");         // last line without a line break

    @Test
    void takesOnlyRowsTheRecordPathAcceptsAndStagesWhatItWouldStage() {
        Mapping mapping = MappingReader.read(MAPPING, "test");
        RowJudge judge = judgeKnowing(mapping, "A", "B");
        List<SalesRow> staged = new ArrayList<>();
        List<SourceRecord> left = new ArrayList<>();
        long tallied = 0;
        try (RecordReader reader = open()) {
            RowMapper mapper = new RowMapper(mapping, mapping.source("sales"), reader.columns(), null);
            reader.project(mapper.columns());
            PlainSalesLane lane = mapper.plainSalesLane(judge, (line, pf, pt, region, rf, rt, period, units) ->
                    staged.add(new SalesRow(ascii(line, pf, pt), ascii(region, rf, rt), LocalDate.ofEpochDay(period), units)));
            assertThat(lane).isNotNull();
            assertThat(reader.divert(lane)).isTrue();
            SourceRecord record;
            while ((record = reader.next()) != null) {
                if (record.isTaken()) {
                    tallied += record.line();
                } else {
                    left.add(record);
                }
            }
        }

        // what the record path makes of every row, without the lane
        List<SalesRow> accepted = new ArrayList<>();
        List<SourceRecord> all = new ArrayList<>();
        try (RecordReader reader = open()) {
            RowMapper mapper = new RowMapper(mapping, mapping.source("sales"), reader.columns(), null);
            reader.project(mapper.columns());
            SourceRecord record;
            while ((record = reader.next()) != null) {
                all.add(record);
                if (!record.isMalformed() && judge.judge(mapper.map(record), "sales", null, record.values(), "sales.csv",
                        record.line()).verdict() == RowJudge.Verdict.ACCEPTED) {
                    accepted.add(mapper.map(record).sales().get(0));
                }
            }
        }

        LocalDate week = LocalDate.of(2024, 1, 1);
        assertThat(staged).containsExactly(new SalesRow("A", "eu", week, 3), new SalesRow("B", "all", week, 4),
                new SalesRow("A", "eu", week.plusWeeks(1), 0), new SalesRow("A", "e;u", week, 7),
                new SalesRow("A", "eu", LocalDate.of(2022, 8, 1), 1), new SalesRow("A", "eu", week, 1),
                new SalesRow("A", "eu", week, 2));
        assertThat(tallied).isEqualTo(staged.size());
        // rows the lane left are the reader's own records, line numbers and raw text included
        assertThat(left).extracting(SourceRecord::line).containsExactlyElementsOf(all.stream().map(SourceRecord::line)
                .filter(line -> !List.of(2L, 3L, 4L, 21L, 22L, 24L, 26L).contains(line)).toList());
        assertThat(left).extracting(SourceRecord::raw).containsExactlyElementsOf(all.stream()
                .filter(r -> left.stream().anyMatch(l -> l.line() == r.line())).map(SourceRecord::raw).toList());
        // the record path accepts what the lane took, plus the rows it reads in shapes the lane leaves to it: the
        // timestamp, the padded product and region, the quoted product, the 19-digit units (read as a double)
        assertThat(accepted).containsAll(staged);
        assertThat(accepted).hasSize(staged.size() + 5);
    }

    @Test
    void leavesALineTooLongToReadWholeToTheRecordPath() {
        Mapping mapping = MappingReader.read(MAPPING, "test");
        String csv = "tx,sku,market,day,qty,note\n1,A,eu,2024-01-03,3," + "x".repeat(9 * 1024 * 1024) + "\n";
        List<SourceRecord> records = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open("sales.csv", new ByteArrayInputStream(
                csv.getBytes(StandardCharsets.UTF_8)), SourceSpec.FormatSpec.csv())) {
            RowMapper mapper = new RowMapper(mapping, mapping.source("sales"), reader.columns(), null);
            reader.project(mapper.columns());
            reader.divert(mapper.plainSalesLane(judgeKnowing(mapping, "A"), (bytes, pf, pt, r, rf, rt, p, u) -> { }));
            SourceRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }

        assertThat(records).singleElement().satisfies(r -> assertThat(r.malformed()).startsWith("line longer than"));
    }

    @Test
    void isOnlyOfferedForSalesWithoutKeyScaleOrDatePattern() {
        Mapping mapping = MappingReader.read(MAPPING
                .replace("sales: {product-id: sku, region: market, date: day, units: qty}",
                        "key: [tx]\n    sales: {product-id: sku, region: market, date: day, units: qty}"), "test");
        Mapping scaled = MappingReader.read(MAPPING.replace("units: qty}", "units: qty, scale: 2}"), "test");
        Mapping pattern = MappingReader.read(MAPPING.replace("date: day,", "date: {column: day, format: dd.MM.yyyy},"),
                "test");
        Mapping plain = MappingReader.read(MAPPING, "test");

        for (Mapping m : List.of(mapping, scaled, pattern)) {
            assertThat(lane(m, "sales")).as(m.source("sales").toString()).isNull();
        }
        assertThat(lane(plain, "catalogue")).isNull();
        assertThat(lane(plain, "sales")).isNotNull();
    }

    private static PlainSalesLane lane(Mapping mapping, String source) {
        SourceSpec spec = mapping.source(source);
        RowMapper mapper = new RowMapper(mapping, spec, List.of("tx", "sku", "market", "day", "qty", "launched"), null);
        return mapper.plainSalesLane(new RowJudge(true), (line, pf, pt, region, rf, rt, period, units) -> { });
    }

    private static RowJudge judgeKnowing(Mapping mapping, String... products) {
        RowJudge judge = new RowJudge(true);
        RowMapper mapper = new RowMapper(mapping, mapping.source("catalogue"), List.of("sku", "launched"), null);
        long line = 1;
        for (String product : products) {
            SourceRecord record = new SourceRecord(++line, product, new String[] {product, "2024-01-01"}, null);
            judge.judge(mapper.map(record), "catalogue", null, record.values(), "products.csv", record.line());
        }
        return judge;
    }

    private static RecordReader open() {
        return RecordReaders.open("sales.csv", new ByteArrayInputStream(SALES.getBytes(StandardCharsets.UTF_8)),
                SourceSpec.FormatSpec.csv());
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }
}
