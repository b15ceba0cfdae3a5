package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON document whose records are the objects of an array, as REST APIs and shop platforms export them: the
 * document itself ({@code [{...}, {...}]}) or the array at a dotted path of it ({@code records: data.orders} for
 * {@code {"data": {"orders": [...]}}}). The array is streamed, one object at a time, so a file of any size reads in
 * bounded memory; each object is read as {@link JsonRows} reads objects, its line the line it starts on. A document
 * that is not valid JSON stops the run, naming the line: past a syntax error nothing can be told apart, and a run
 * must not publish the part before it as if it were the file.
 */
public final class JsonRecordReader extends JsonObjectsReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final JsonParser parser;
    private boolean done;

    /**
     * @param records the dotted path of the array of records in a document that is an object, or null: the
     *        document is the array
     * @param explode the dotted path, in each record, of the array whose elements are the rows, or null
     */
    JsonRecordReader(String name, CountingInputStream counter, InputStream decoded, Charset charset, String records,
            String explode) {
        super(counter, explode);
        this.name = name;
        try {
            this.parser = JSON.createParser(new InputStreamReader(decoded, charset));
            toRecords(records);
        } catch (JacksonException e) {
            close();
            throw invalid(e);
        } catch (SourceReadException e) {
            close();
            throw e;
        }
    }

    /** Moves the parser to the start of the records' array. */
    private void toRecords(String records) {
        JsonToken token = parser.nextToken();
        if (records == null) {
            if (token != JsonToken.START_ARRAY) {
                throw new SourceReadException("cannot read " + name + ": the document is "
                        + (token == JsonToken.START_OBJECT ? "an object: name the array of its records with"
                                + " format.records (its path, e.g. data.orders)" : "not an array of records"), null);
            }
            return;
        }
        for (String key : records.split("\\.")) {
            if (token != JsonToken.START_OBJECT || !field(key)) {
                throw new SourceReadException("cannot read " + name + ": the document has no array at " + records, null);
            }
            token = parser.nextToken();
        }
        if (token != JsonToken.START_ARRAY) {
            throw new SourceReadException("cannot read " + name + ": " + records + " is not an array", null);
        }
    }

    /** Advances inside the current object to the value of {@code key}; false when the object has none. */
    private boolean field(String key) {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            if (parser.currentName().equals(key)) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    private SourceReadException invalid(JacksonException e) {
        return new SourceReadException("cannot read " + name + " as JSON: " + e.getOriginalMessage() + " (line "
                + e.getLocation().getLineNr() + ")", e);
    }

    @Override
    public SourceRecord next() {
        if (rows.pending()) {
            return rows.nextElement();
        }
        if (done) {
            return null;
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                done = true;
                return null;
            }
            long line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            return rows.of(line, node.toString(), node);
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
        } catch (JacksonException e) {
            // closing a read stream loses nothing
        }
        super.close();
    }
}
