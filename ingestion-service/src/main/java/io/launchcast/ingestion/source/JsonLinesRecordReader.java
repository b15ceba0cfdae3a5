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
 * <p>
 * With an array to explode ({@code order.line_items}), each of its elements is a row: a column under the array's
 * path ({@code order.line_items.sku}) reads the element, any other column the line's object, so an order's date
 * and country stand beside each of its items. Each such row keeps its line number and, as its raw text, the
 * element's JSON after its path and index ({@code order.line_items[1]: {...}}). A line whose array is empty or
 * absent has no row: it is one malformed row, so every line is accounted for.
 */
public final class JsonLinesRecordReader implements RecordReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final CountingInputStream counter;
    private final LineReader lines;
    private final String explode;
    private final String elementPrefix;
    private List<String> projection = List.of();
    private long lineNumber;
    /** The line being exploded, its array and the next element's index; null between lines. */
    private JsonNode exploding;
    private JsonNode elements;
    private int nextElement;

    /** @param explode the dotted path of the array whose elements are the rows, or null: a row per line */
    JsonLinesRecordReader(String name, CountingInputStream counter, InputStream decoded, Charset charset,
            String explode) {
        this.name = name;
        this.counter = counter;
        this.lines = new LineReader(new InputStreamReader(decoded, charset));
        this.explode = explode;
        this.elementPrefix = explode == null ? null : explode + ".";
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
        if (elements != null) {
            return element();
        }
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
            if (explode != null) {
                JsonNode array = field(node, explode);
                if (array == null || array.isNull() || array.isArray() && array.isEmpty()) {
                    return SourceRecord.malformed(lineNumber, line, explode + " is "
                            + (array == null || array.isNull() ? "absent" : "empty") + ": the line has no row");
                }
                if (!array.isArray()) {
                    return SourceRecord.malformed(lineNumber, line, explode + " is no array: the line has no rows");
                }
                exploding = node;
                elements = array;
                nextElement = 0;
                return element();
            }
            String[] values = new String[projection.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = text(field(node, projection.get(i)));
            }
            return new SourceRecord(lineNumber, line, values, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The next element of the line being exploded as a row; the line is done after its last element. */
    private SourceRecord element() {
        int index = nextElement++;
        JsonNode element = elements.get(index);
        String[] values = new String[projection.size()];
        for (int i = 0; i < values.length; i++) {
            String column = projection.get(i);
            values[i] = text(column.equals(explode) ? element
                    : column.startsWith(elementPrefix) ? field(element, column.substring(elementPrefix.length()))
                    : field(exploding, column));
        }
        if (nextElement == elements.size()) {
            exploding = null;
            elements = null;
        }
        return new SourceRecord(lineNumber, explode + "[" + index + "]: " + element, values, null);
    }

    /** A scalar as its text (null when empty), a nested value as its JSON text. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            String text = value.asString();
            return text.isEmpty() ? null : text;
        }
        return value.toString();
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
