package io.launchcast.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    static List<SourceRecord> read(String text, FormatSpec format, List<String> columns) {
        List<SourceRecord> records = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open("t.csv",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format)) {
            reader.project(columns);
            SourceRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void readsQuotedDelimitersDoubledQuotesAndAByteOrderMark() {
        List<SourceRecord> records = read("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n", FormatSpec.csv(), List.of("b", "a"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.values()).containsExactly("say \"hi\"", "x, y");
            assertThat(r.line()).isEqualTo(2);
        });
    }

    @Test
    void aReportsTitleLinesAboveItsHeaderAreNotRowsAndLinesKeepTheirNumbers() {
        FormatSpec report = new FormatSpec("csv", ";", null, null, null, null, null, null, null, 4, null, null);
        List<SourceRecord> records = read("Sales by item;;\nPeriod: 2024-01;;\n;;\nItem;Day;Qty\nA;2024-01-08;2\n",
                report, List.of("Item", "Qty"));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.values()).containsExactly("A", "2");
            assertThat(r.line()).isEqualTo(5);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("Sales by item\n\nItem,Day,Qty\nA,2024-01-08,2\n",
                FormatSpec.csv(), List.of("Item", "Day", "Qty")))
                .isInstanceOf(MissingColumnsException.class)
                .hasMessageContaining("its header has 1 column(s) ([Sales by item]): if the table starts further down,"
                        + " below a report's title, say on which line (format.header-line)");
    }

    @Test
    void projectsUnquotedLinesInTheOrderAskedWithEmptyValuesAsMissing() {
        List<SourceRecord> records = read("tx,sku,day,qty\n1,A,,3\n2,B,2024-01-01,\n3,C\n4,D,x,5,extra\n,,,\n",
                FormatSpec.csv(), List.of("qty", "sku", "qty", "day"));

        assertThat(records).hasSize(5);
        assertThat(records.get(0).values()).containsExactly("3", "A", "3", null);
        assertThat(records.get(1).values()).containsExactly(null, "B", null, "2024-01-01");
        assertThat(records.get(2).malformed()).isEqualTo("expected 4 fields, found 2");
        assertThat(records.get(3).malformed()).isEqualTo("expected 4 fields, found 5");
        assertThat(records.get(3).raw()).isEqualTo("4,D,x,5,extra");
        assertThat(records.get(4).values()).containsOnlyNulls();
    }

    @Test
    void anAbsentOptionalColumnIsMissingInEveryRowOnEachPath() {
        List<SourceRecord> records = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open("t.csv", new ByteArrayInputStream(
                "sku,qty\nA,3\n\"B, b\",4\n".getBytes(StandardCharsets.UTF_8)), FormatSpec.csv())) {
            reader.project(List.of("channel", "sku", "qty"), java.util.Set.of("channel"));
            SourceRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }

        assertThat(records).extracting(r -> java.util.Arrays.asList(r.values())).containsExactly(
                java.util.Arrays.asList(null, "A", "3"), java.util.Arrays.asList(null, "B, b", "4"));
    }

    @Test
    void quarantinesAnUnclosedQuoteAndGoesOnWithTheNextLine() {
        List<SourceRecord> records = read("a,b\n\"open,1\n2,3\n", FormatSpec.csv(), List.of("a", "b"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).malformed()).isEqualTo("unterminated quoted field");
        assertThat(records.get(0).raw()).isEqualTo("\"open,1");
        assertThat(records.get(1).values()).containsExactly("2", "3");
    }

    @Test
    void joinsQuotedLineBreaksWhenMultilineIsDeclared() {
        FormatSpec multiline = new FormatSpec("csv", ",", "\"", "UTF-8", true, "auto", null);

        List<SourceRecord> records = read("a,b\n\"two\nlines\",1\n3,4\n", multiline, List.of("a", "b"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).values()).containsExactly("two\nlines", "1");
        assertThat(records.get(1).line()).isEqualTo(4);
    }

    @Test
    void namesATruncatedLastLine() {
        List<SourceRecord> records = read("a,b,c\n1,2,3\n4,5", FormatSpec.csv(), List.of("a"));

        assertThat(records.get(1).malformed()).contains("expected 3 fields, found 2").contains("truncated");
    }

    @Test
    void cutsALineLongerThanTheLimitAndGoesOn() throws Exception {
        LineReader lines = new LineReader(new java.io.StringReader("short\n" + "x".repeat(100) + "\nafter\n"), 10);

        assertThat(lines.readLine()).isEqualTo("short");
        assertThat(lines.lastCut()).isFalse();
        assertThat(lines.readLine()).isEqualTo("x".repeat(10));
        assertThat(lines.lastCut()).isTrue();
        assertThat(lines.readLine()).isEqualTo("after");
        assertThat(lines.lastCut()).isFalse();
    }

    @Test
    void reportsMissingColumnsOfTheHeader() {
        try (RecordReader reader = RecordReaders.open("t.csv", new ByteArrayInputStream("a,b\n".getBytes()), FormatSpec.csv())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.project(List.of("a", "zz")))
                    .isInstanceOf(MissingColumnsException.class).hasMessageContaining("[zz]");
        }
    }
}
