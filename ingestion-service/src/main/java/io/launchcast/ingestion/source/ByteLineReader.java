package io.launchcast.ingestion.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * {@link LineReader}'s lines, found in the undecoded bytes: a line is only decoded when it is asked for as a
 * String, so a caller can look at the bytes of a plain line first and never build a String of it. Only for
 * charsets in which byte 0x0A is always a line feed and a line can be decoded on its own ({@link #handles}).
 * Lines, their terminators, carriage returns and the cut of over-long lines are those of {@link LineReader};
 * malformed byte sequences become U+FFFD as there (a line feed ends any sequence in these charsets).
 */
final class ByteLineReader extends TextLines {

    private static final Set<String> ASCII_COMPATIBLE = Set.of("UTF-8", "US-ASCII", "ISO-8859-1", "windows-1252",
            "ISO-8859-15");
    /** A UTF-8 character takes up to three bytes per UTF-16 char: enough bytes to decode the longest line kept. */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final InputStream in;
    private final Charset charset;
    private final int maxChars;
    private final int maxBytes;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    /** The current line: bytes [start, end) of {@link #line()}, carriage return excluded. */
    private byte[] line;
    private int start;
    private int end;
    /** Bytes of a line longer than the buffer, gathered here. */
    private byte[] pending = new byte[0];

    ByteLineReader(InputStream in, Charset charset) {
        this(in, charset, MAX_LINE_CHARS);
    }

    ByteLineReader(InputStream in, Charset charset, int maxChars) {
        this.in = in;
        this.charset = charset;
        this.maxChars = maxChars;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxChars * MAX_BYTES_PER_CHAR);
    }

    static boolean handles(Charset charset) {
        return ASCII_COMPATIBLE.contains(charset.name());
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        lastCut = false;
        int pendingLength = 0;
        boolean overflow = false;
        while (true) {
            if (position >= limit) {
                if (!fill()) {
                    if (pendingLength == 0 && !overflow) {
                        return false;
                    }
                    lastTerminated = false;
                    set(pending, 0, pendingLength);
                    lastCut |= overflow;
                    return true;
                }
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    if (pendingLength == 0 && !overflow) {
                        set(buffer, position, i);
                    } else {
                        pendingLength = gather(pendingLength, position, i);
                        overflow |= pendingLength < 0;
                        set(pending, 0, Math.abs(pendingLength));
                        lastCut |= overflow;
                    }
                    position = i + 1;
                    lastTerminated = true;
                    return true;
                }
            }
            int gathered = gather(pendingLength, position, limit);
            overflow |= gathered < 0;
            pendingLength = Math.abs(gathered);
            position = limit;
        }
    }

    /** Appends buffer[from, to) to the pending bytes, up to the byte limit; negative length once bytes were dropped. */
    private int gather(int length, int from, int to) {
        int room = maxBytes - length;
        int count = to - from;
        boolean dropped = count > room;
        count = Math.min(count, Math.max(0, room));
        if (pending.length < length + count) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(buffer, from, pending, length, count);
        return dropped ? -(length + count) : length + count;
    }

    private void set(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        line = bytes;
        start = from;
        end = to;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.readNBytes(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        if (n <= 0) {
            eof = true;
            return false;
        }
        return true;
    }

    /** The bytes of the current line, from {@link #start()} to {@link #end()}; valid until the next call. */
    byte[] line() {
        return line;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Whether the current line has more bytes than a line may have characters (then it is cut when decoded). */
    boolean overLimit() {
        return lastCut || end - start > maxChars;
    }

    /** The current line decoded, cut to the character limit like {@link LineReader} (then {@link #lastCut()}). */
    String decode() {
        String text = charset == StandardCharsets.ISO_8859_1 || charset == StandardCharsets.US_ASCII && ascii()
                ? new String(line, start, end - start, StandardCharsets.ISO_8859_1)
                : new String(line, start, end - start, charset);
        if (text.length() > maxChars) {
            lastCut = true;
            return text.substring(0, maxChars);
        }
        return text;
    }

    private boolean ascii() {
        for (int i = start; i < end; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The next line decoded, or null at the end: {@link LineReader#readLine()}. */
    @Override
    String readLine() throws IOException {
        return next() ? decode() : null;
    }
}
