package io.launchcast.ingestion.validation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends rejected and duplicate rows, one JSON object per line (source file, line, raw text, verdict,
 * reason), to a local
 * file that the run uploads to {@code quarantine/<dataset>/<run>/} when it ends, published or not.
 */
public final class QuarantineWriter implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_RAW_CHARS = 64 * 1024;
    /** Kinds of reason counted apart; a run with more counts the rest under {@link #OTHER_REASONS}. */
    public static final int MAX_REASON_KINDS = 100;
    static final String OTHER_REASONS = "(other reasons)";
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    private final Path file;
    private final BufferedWriter out;
    private long rows;
    private final Map<String, ReasonCount> byReason = new LinkedHashMap<>();

    /**
     * Rows quarantined for one kind of reason: the reason with its values left out, how many rows, and the first
     * such row (where, and its reason in full), so that a run refused for thousands of rows says what to fix.
     */
    public record ReasonCount(String reason, long rows, String firstFile, long firstLine, String firstReason) {
    }

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
        String kind = kindOf(reason);
        if (!byReason.containsKey(kind) && byReason.size() >= MAX_REASON_KINDS) {
            kind = OTHER_REASONS;
        }
        byReason.merge(kind, new ReasonCount(kind, 1, sourceFile, line, reason),
                (a, b) -> new ReasonCount(a.reason(), a.rows() + 1, a.firstFile(), a.firstLine(), a.firstReason()));
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

    /** The {@code n} most frequent kinds of reason, most rows first (of equal counts, the first met). */
    public List<ReasonCount> mostFrequent(int n) {
        return byReason.values().stream().sorted(Comparator.comparingLong(ReasonCount::rows).reversed()).limit(n)
                .toList();
    }

    /** A reason without the values it quotes and the numbers it names: rows rejected for the same rule. */
    static String kindOf(String reason) {
        String text = String.valueOf(reason);
        return NUMBER.matcher(QUOTED.matcher(text).replaceAll("'…'")).replaceAll("N");
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
