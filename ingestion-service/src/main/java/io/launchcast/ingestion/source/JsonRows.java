package io.launchcast.ingestion.source;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The rows of JSON objects, as JSON Lines and JSON documents give them: scalars as their text, nested values as their
 * JSON text, a value inside them by its dotted path ({@code event.name}, {@code items.0.id}). With an array to
 * explode ({@code order.line_items}), each of its elements is a row: a column under the array's path
 * ({@code order.line_items.sku}) reads the element, any other column the object around it. Each such row keeps the
 * object's line number and, as its raw text, the element's JSON after its path and index
 * ({@code order.line_items[1]: {...}}). An object whose array is empty or absent has no row: it is one malformed row,
 * so every object is accounted for.
 */
final class JsonRows {

    private final String explode;
    private final String elementPrefix;
    private List<String> projection = List.of();
    /** The object being exploded, its array, the next element's index and the object's line; null between objects. */
    private JsonNode exploding;
    private JsonNode elements;
    private int nextElement;
    private long line;

    /** @param explode the dotted path of the array whose elements are the rows, or null: a row per object */
    JsonRows(String explode) {
        this.explode = explode;
        this.elementPrefix = explode == null ? null : explode + ".";
    }

    void project(List<String> wanted) {
        projection = List.copyOf(wanted);
    }

    /** Whether elements of an exploded object are still to come ({@link #nextElement()}). */
    boolean pending() {
        return elements != null;
    }

    /** The object's row, or the first of its array's elements (the others follow from {@link #nextElement()}). */
    SourceRecord of(long lineNumber, String raw, JsonNode node) {
        if (node == null || !node.isObject()) {
            return SourceRecord.malformed(lineNumber, raw, "not a JSON object");
        }
        if (explode != null) {
            JsonNode array = field(node, explode);
            if (array == null || array.isNull() || array.isArray() && array.isEmpty()) {
                return SourceRecord.malformed(lineNumber, raw, explode + " is "
                        + (array == null || array.isNull() ? "absent" : "empty") + ": the object has no row");
            }
            if (!array.isArray()) {
                return SourceRecord.malformed(lineNumber, raw, explode + " is no array: the object has no rows");
            }
            exploding = node;
            elements = array;
            nextElement = 0;
            line = lineNumber;
            return nextElement();
        }
        String[] values = new String[projection.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = text(field(node, projection.get(i)));
        }
        return new SourceRecord(lineNumber, raw, values, null);
    }

    /** The next element of the object being exploded as a row; the object is done after its last element. */
    SourceRecord nextElement() {
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
        return new SourceRecord(line, explode + "[" + index + "]: " + element, values, null);
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
    static JsonNode field(JsonNode node, String name) {
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
}
