package io.launchcast.ingestion.source;

import static io.launchcast.ingestion.source.CsvRecordReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRecordReaderTest {

    private static final FormatSpec JSONL = new FormatSpec("jsonl", null, null, null, null, null, null);

    @Test
    void aNestedValueIsReadByItsDottedPathAndAnArrayElementByItsIndex() {
        List<SourceRecord> records = read("""
                {"event": {"name": "purchase", "at": "2024-01-15"}, "items": [{"id": "A", "qty": 2}, {"id": "B"}]}
                {"event": {"name": "view"}, "items": []}
                {"event.name": "flat key wins", "event": {"name": "nested"}}
                """, JSONL, List.of("event.name", "event.at", "items.0.id", "items.0.qty", "items.1.id", "event"));

        assertThat(records.get(0).values()).containsExactly("purchase", "2024-01-15", "A", "2", "B",
                "{\"name\":\"purchase\",\"at\":\"2024-01-15\"}");
        assertThat(records.get(1).values()).containsExactly("view", null, null, null, null, "{\"name\":\"view\"}");
        assertThat(records.get(2).values()[0]).as("a key that is itself dotted is read as it is")
                .isEqualTo("flat key wins");
    }
}
