package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines: one JSON object per line, read as {@link JsonRows} reads objects (dotted paths, an exploded array's
 * elements as rows). A line that is not a JSON object is a malformed row.
 */
public final class JsonLinesRecordReader extends JsonObjectsReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final LineReader lines;
    private long lineNumber;

    /** @param explode the dotted path of the array whose elements are the rows, or null: a row per line */
    JsonLinesRecordReader(String name, CountingInputStream counter, InputStream decoded, Charset charset,
            String explode) {
        super(counter, explode);
        this.name = name;
        this.lines = new LineReader(new InputStreamReader(decoded, charset));
    }

    @Override
    public SourceRecord next() {
        if (rows.pending()) {
            return rows.nextElement();
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
            return rows.of(lineNumber, line, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

}
