package io.launchcast.ingestion.validation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends rejected and duplicate rows, one JSON object per line (source file, line, raw text, verdict,
 * reason), to a local
 * file that the run uploads to {@code quarantine/<dataset>/<run>/} when it ends, published or not.
 */
public final class QuarantineWriter implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_RAW_CHARS = 64 * 1024;

    private final Path file;
    private final BufferedWriter out;
    private long rows;

    public QuarantineWriter(Path file) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records one row that was not accepted: {@code verdict} is {@code rejected} or {@code duplicate}. */
    public void write(String sourceFile, long line, String raw, String verdict, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sourceFile", sourceFile);
        entry.put("line", line);
        // a runaway record (e.g. an unclosed quote) is cut, and says so, rather than bloating quarantine
        entry.put("raw", raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw);
        entry.put("rawTruncated", raw.length() > MAX_RAW_CHARS);
        entry.put("verdict", verdict);
        entry.put("reason", reason);
        try {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
