package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines: one JSON object per line. Scalars are read as their text; nested values as their JSON text, and a
 * value inside them by its dotted path ({@code event.name}, {@code items.0.id}).
 * A line that is not a JSON object is a malformed row.
 */
public final class JsonLinesRecordReader implements RecordReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final CountingInputStream counter;
    private final LineReader lines;
    private List<String> projection = List.of();
    private long lineNumber;

    JsonLinesRecordReader(String name, CountingInputStream counter, InputStream decoded, Charset charset) {
        this.name = name;
        this.counter = counter;
        this.lines = new LineReader(new InputStreamReader(decoded, charset));
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public void project(List<String> wanted) {
        projection = List.copyOf(wanted);
    }

    @Override
    public SourceRecord next() {
        try {
            String line = lines.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (line.isBlank()) {
                return SourceRecord.malformed(lineNumber, line, "blank line");
            }
            if (lines.lastCut()) {
                return SourceRecord.malformed(lineNumber, line, "line longer than " + LineReader.MAX_LINE_CHARS
                        + " characters (cut; raw text is its beginning)");
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JacksonException e) {
                return SourceRecord.malformed(lineNumber, line, "not valid JSON: " + e.getOriginalMessage()
                        + (lines.lastTerminated() ? "" : " (last line is not terminated: truncated file?)"));
            }
            if (node == null || !node.isObject()) {
                return SourceRecord.malformed(lineNumber, line, "not a JSON object");
            }
            String[] values = new String[projection.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode value = field(node, projection.get(i));
                if (value == null || value.isNull()) {
                    values[i] = null;
                } else if (value.isValueNode()) {
                    String text = value.asString();
                    values[i] = text.isEmpty() ? null : text;
                } else {
                    values[i] = value.toString();
                }
            }
            return new SourceRecord(lineNumber, line, values, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * The value named {@code name}: the key itself, or else, for a dotted name, the path through nested objects and
     * arrays it spells ({@code event.name}, {@code items.0.id}), as event exports nest what a row is about.
     */
    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value != null || name.indexOf('.') < 0) {
            return value;
        }
        JsonNode at = node;
        for (String part : name.split("\\.", -1)) {
            at = at.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit) && part.length() < 10
                    ? at.get(Integer.parseInt(part)) : at.get(part);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() {
        try {
            counter.close();
        } catch (IOException e) {
            // closing a read stream loses nothing
        }
    }
}
