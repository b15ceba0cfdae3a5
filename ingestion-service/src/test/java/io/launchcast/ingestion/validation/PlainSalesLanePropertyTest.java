package io.launchcast.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.source.RecordReader;
import io.launchcast.ingestion.source.RecordReaders;
import io.launchcast.ingestion.source.SourceRecord;
import io.launchcast.ingestion.validation.CanonicalRows.Mapped;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property over generated lines: whatever a line holds, the fast lane takes it only when the record path
 * (reader, value checks, mapper, judge) accepts it, and stages exactly what the record path would. Lines are
 * built from fragments that sit on every edge the two paths decide on; each seed is one reproducible sample.
 */
class PlainSalesLanePropertyTest {

    private static final String[] PRODUCTS = {"A", "B", "Z", "", " A", "A ", "\"A\"", "Ä", "A\u0000", "A\u0007", "a"};
    private static final String[] REGIONS = {"eu", "", "e;u", " eu", "\"eu\"", "eu\t", "ü", "e\u0001u"};
    private static final String[] DAYS = {"2024-01-03", "2024-01-01", "2024-02-29", "2023-02-29", "2024-02-30",
            "2024-13-01", "2024-1-03", "2024-01-03T10:00", "2019-12-31", "2026-01-01", "", "20240103", "2024-01-33"};
    private static final String[] UNITS = {"0", "3", "+4", "-0", "-2", "1.5", "", "1234567890123456789",
            "99999999999999999999", "1e3", " 7", "7 ", "\"7\"", "0x10", "NaN", "٣"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theLaneTakesALineOnlyWhenTheRecordPathAcceptsItAndStagesTheSameRow(long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("tx,sku,market,day,qty,note\n");
        int lines = 2_000;
        for (int i = 0; i < lines; i++) {
            List<String> fields = new ArrayList<>(List.of(String.valueOf(i), pick(random, PRODUCTS),
                    pick(random, REGIONS), pick(random, DAYS), pick(random, UNITS), "n"));
            if (random.nextInt(20) == 0) {
                fields.remove(fields.size() - 1 - random.nextInt(2)); // a field short
            }
            csv.append(String.join(",", fields)).append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        Mapping mapping = MappingReader.read(PlainSalesLaneTest.MAPPING, "test");

        List<SalesRow> staged = new ArrayList<>();
        List<Long> leftLines = new ArrayList<>();
        try (RecordReader reader = open(csv)) {
            RowMapper mapper = new RowMapper(mapping, mapping.source("sales"), reader.columns(), null);
            reader.project(mapper.columns());
            RowJudge judge = judgeKnowing(mapping);
            reader.divert(mapper.plainSalesLane(judge, (line, pf, pt, region, rf, rt, period, units) ->
                    staged.add(new SalesRow(new String(line, pf, pt - pf, StandardCharsets.US_ASCII),
                            new String(region, rf, rt - rf, StandardCharsets.US_ASCII), LocalDate.ofEpochDay(period),
                            units))));
            SourceRecord record;
            while ((record = reader.next()) != null) {
                if (!record.isTaken()) {
                    leftLines.add(record.line());
                }
            }
        }

        List<SalesRow> acceptedByRecordPath = new ArrayList<>();
        List<Long> acceptedLines = new ArrayList<>();
        try (RecordReader reader = open(csv)) {
            RowMapper mapper = new RowMapper(mapping, mapping.source("sales"), reader.columns(), null);
            reader.project(mapper.columns());
            RowJudge judge = judgeKnowing(mapping);
            SourceRecord record;
            while ((record = reader.next()) != null) {
                if (record.isMalformed() || TextValues.unfit(record.values(), mapper.columns(), 65_536) != null) {
                    continue;
                }
                Mapped mapped = mapper.map(record);
                if (judge.judge(mapped, "sales", null, record.values(), "sales.csv", record.line()).verdict()
                        == RowJudge.Verdict.ACCEPTED) {
                    acceptedByRecordPath.add(mapped.sales().get(0));
                    acceptedLines.add(record.line());
                }
            }
        }

        // every line the lane took is one the record path accepts (it did not leave it to the record path)...
        List<Long> takenLines = new ArrayList<>(acceptedLines);
        takenLines.removeAll(leftLines);
        assertThat(takenLines).as("seed %d: lines taken by the lane", seed).hasSize(staged.size());
        // ... and it staged for each exactly the row the record path maps it to, in order
        List<SalesRow> expected = new ArrayList<>();
        for (int i = 0; i < acceptedLines.size(); i++) {
            if (!leftLines.contains(acceptedLines.get(i))) {
                expected.add(acceptedByRecordPath.get(i));
            }
        }
        assertThat(staged).as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static RecordReader open(CharSequence csv) {
        return RecordReaders.open("sales.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                SourceSpec.FormatSpec.csv());
    }

    private static RowJudge judgeKnowing(Mapping mapping) {
        RowJudge judge = new RowJudge(true);
        RowMapper mapper = new RowMapper(mapping, mapping.source("catalogue"), List.of("sku", "launched"), null);
        long line = 1;
        for (String product : new String[] {"A", "B"}) {
            SourceRecord record = new SourceRecord(++line, product, new String[] {product, "2024-01-01"}, null);
            judge.judge(mapper.map(record), "catalogue", null, record.values(), "products.csv", record.line());
        }
        return judge;
    }
}
