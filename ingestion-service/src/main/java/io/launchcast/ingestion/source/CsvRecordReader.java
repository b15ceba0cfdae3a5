package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header line. Quoted fields may contain the delimiter and doubled quotes; with {@code multiline}
 * they may span lines too, up to {@value #MAX_RECORD_LINES} lines, after which those lines form one malformed
 * record and reading goes on, so that one stray quote cannot swallow the rest of the file. Without
 * {@code multiline} an open quote at the end of a line makes that line alone malformed.
 */
public final class CsvRecordReader implements RecordReader {

    static final int MAX_RECORD_LINES = 100;

    private final String name;
    private final CountingInputStream counter;
    /** Rows a lane took between two records: a tally is sent at least this often. */
    static final int TALLY_EVERY = 4096;

    private final TextLines lines;
    /** The same lines as bytes, for charsets that allow it (null otherwise): plain lines can skip decoding. */
    private final ByteLineReader bytes;
    private final char delimiter;
    private final char quote;
    private final boolean multiline;
    private final List<String> header;
    private long lineNumber;
    private int[] projection;
    /** Per source column, the slots of the projection it fills (most often one, none for unused columns). */
    private int[][] slotsOf;
    private final ArrayList<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private PlainRowLane lane;
    private int[] starts;
    private int[] ends;
    /** Rows the lane took since the last tally. */
    private long taken;
    /** The current byte line was left by the lane after a tally was sent: the next call reads it as a record. */
    private boolean held;

    /**
     * @param name the source's name in messages
     * @param counter the raw (possibly compressed) stream, counted
     * @param decoded the stream to parse (after decompression)
     * @param headerLine the line that names the columns: the lines before it (a report's title, its date) are not
     *        rows, and the rows' line numbers count them
     */
    CsvRecordReader(String name, CountingInputStream counter, InputStream decoded, Charset charset, char delimiter,
            char quote, boolean multiline, int headerLine) {
        this.name = name;
        this.counter = counter;
        // a malformed byte sequence becomes U+FFFD instead of an exception: the row is then judged on its values
        if (ByteLineReader.handles(charset)) {
            this.bytes = new ByteLineReader(decoded, charset);
            this.lines = bytes;
        } else {
            this.bytes = null;
            this.lines = new LineReader(new InputStreamReader(decoded, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        }
        this.delimiter = delimiter;
        this.quote = quote;
        this.multiline = multiline;
        try {
            String first = lines.readLine();
            lineNumber = 1;
            while (first != null && lineNumber < headerLine) {
                first = lines.readLine();
                lineNumber++;
            }
            if (first == null) {
                header = List.of();
                return;
            }
            if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
                first = first.substring(1);
            }
            List<String> names = split(first);
            header = names == null ? List.of() : names.stream().map(String::trim).toList();
        } catch (IOException e) {
            throw new SourceReadException("cannot read the header of " + name, e);
        }
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public void project(List<String> wanted) {
        project(wanted, java.util.Set.of());
    }

    /** An absent optional column is at -1: no header column fills its slot, so its value is always missing. */
    @Override
    public List<String> project(List<String> wanted, java.util.Set<String> optional) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        List<String> missing = wanted.stream().filter(w -> !index.containsKey(w) && !optional.contains(w)).toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(name, header, missing);
        }
        projection = wanted.stream().mapToInt(w -> index.getOrDefault(w, -1)).toArray();
        List<String> absent = ColumnsIgnoringCase.absent(wanted, projection);
        slotsOf = new int[header.size()][];
        for (int column = 0; column < header.size(); column++) {
            int c = column;
            slotsOf[column] = java.util.stream.IntStream.range(0, projection.length).filter(i -> projection[i] == c)
                    .toArray();
        }
        return absent;
    }

    @Override
    public boolean divert(PlainRowLane lane) {
        if (bytes == null || delimiter >= 0x80 || quote >= 0x80 || projection == null) {
            return false;
        }
        this.lane = lane;
        this.starts = new int[projection.length];
        this.ends = new int[projection.length];
        return true;
    }

    @Override
    public SourceRecord next() {
        try {
            String line;
            if (bytes == null) {
                line = lines.readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
            } else {
                if (!held) {
                    while (true) {
                        if (!bytes.next()) {
                            return taken > 0 ? tally() : null;
                        }
                        lineNumber++;
                        if (lane == null || !offer()) {
                            break;
                        }
                        if (++taken == TALLY_EVERY) {
                            return tally();
                        }
                    }
                    if (taken > 0) {
                        // the rows taken so far are counted before this one, which stays current until the next call
                        held = true;
                        return tally();
                    }
                }
                held = false;
                line = bytes.decode();
            }
            long start = lineNumber;
            if (line.isEmpty()) {
                return SourceRecord.malformed(start, line, "blank line");
            }
            if (lines.lastCut()) {
                return SourceRecord.malformed(start, line, "line longer than " + LineReader.MAX_LINE_CHARS
                        + " characters (cut; raw text is its beginning)");
            }
            if (line.indexOf(quote) < 0) {
                String[] projected = project(line);
                if (projected != null) {
                    return new SourceRecord(start, line, projected, null);
                }
            }
            StringBuilder raw = null;
            List<String> values = split(line);
            int spanned = 1;
            while (values == null) {
                String more = null;
                if (multiline && spanned < MAX_RECORD_LINES) {
                    more = lines.readLine();
                }
                if (more == null) {
                    String text = raw == null ? line : raw.toString();
                    String where = spanned >= MAX_RECORD_LINES ? " within " + MAX_RECORD_LINES + " lines"
                            : lines.lastTerminated() ? "" : " at end of file (truncated file?)";
                    return SourceRecord.malformed(start, text, "unterminated quoted field" + where);
                }
                if (raw == null) {
                    raw = new StringBuilder(line);
                }
                raw.append('\n').append(more);
                if (raw.length() > LineReader.MAX_LINE_CHARS) {
                    return SourceRecord.malformed(start, raw.substring(0, LineReader.MAX_LINE_CHARS),
                            "record longer than " + LineReader.MAX_LINE_CHARS + " characters");
                }
                lineNumber++;
                spanned++;
                values = split(raw.toString());
            }
            String text = raw == null ? line : raw.toString();
            if (values.size() != header.size()) {
                return SourceRecord.malformed(start, text, "expected " + header.size() + " fields, found " + values.size()
                        + (lines.lastTerminated() ? "" : " (last line is not terminated: truncated file?)"));
            }
            String[] projected = new String[projection.length];
            for (int i = 0; i < projection.length; i++) {
                String value = projection[i] < 0 ? "" : values.get(projection[i]);
                projected[i] = value.isEmpty() ? null : value;
            }
            return new SourceRecord(start, text, projected, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private SourceRecord tally() {
        SourceRecord tally = SourceRecord.taken(taken);
        taken = 0;
        return tally;
    }

    /**
     * Offers the current byte line to the lane when it is plain: ASCII, no quote character, the header's field
     * count. The projected values are found in the bytes (an empty value is an empty range, as the record path
     * reads it as missing); nothing is decoded or copied.
     */
    private boolean offer() {
        byte[] line = bytes.line();
        int from = bytes.start();
        int end = bytes.end();
        if (from == end || bytes.overLimit()) {
            return false;
        }
        byte delimiterByte = (byte) delimiter;
        byte quoteByte = (byte) quote;
        int column = 0;
        int fieldStart = from;
        for (int i = from; ; i++) {
            if (i < end) {
                byte b = line[i];
                // non-ASCII, quotes and control bytes take the record path, which decodes and judges them
                if (b < 0x20 && b != '\t' || b == 0x7F || b == quoteByte) {
                    return false;
                }
                if (b != delimiterByte) {
                    continue;
                }
            }
            if (column >= slotsOf.length) {
                return false;
            }
            for (int slot : slotsOf[column]) {
                starts[slot] = fieldStart;
                ends[slot] = i;
            }
            column++;
            fieldStart = i + 1;
            if (i >= end) {
                break;
            }
        }
        return column == slotsOf.length && lane.take(line, starts, ends);
    }

    /**
     * The common case, a line without quotes, in one pass that copies only the projected values (unused
     * columns cost no String); {@code null} when the field count is wrong, left to the general path to describe.
     */
    private String[] project(String line) {
        String[] projected = new String[projection.length];
        int column = 0;
        int from = 0;
        int length = line.length();
        for (int i = 0; i <= length; i++) {
            if (i < length && line.charAt(i) != delimiter) {
                continue;
            }
            if (column >= slotsOf.length) {
                return null;
            }
            int[] slots = slotsOf[column];
            if (slots.length > 0) {
                String value = from == i ? null : line.substring(from, i);
                for (int slot : slots) {
                    projected[slot] = value;
                }
            }
            column++;
            from = i + 1;
        }
        return column == slotsOf.length ? projected : null;
    }

    /** Splits one record; {@code null} when a quoted field is still open at the end of the text. */
    private List<String> split(String text) {
        fields.clear();
        if (text.indexOf(quote) < 0) {
            int from = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == delimiter) {
                    fields.add(text.substring(from, i));
                    from = i + 1;
                }
            }
            fields.add(text.substring(from));
            return fields;
        }
        field.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        field.append(quote);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == quote && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
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

    @Override
    public String toString() {
        return name + Arrays.toString(header.toArray());
    }
}
