package io.launchcast.ingestion.source;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads physical lines like {@link java.io.BufferedReader#readLine()}, but also says whether the last line
 * was terminated, so that a truncated file can be named as such in quarantine.
 */
final class LineReader extends TextLines {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private final int maxChars;
    private final StringBuilder pending = new StringBuilder();

    LineReader(Reader in) {
        this(in, MAX_LINE_CHARS);
    }

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    @Override
    String readLine() throws IOException {
        pending.setLength(0);
        lastCut = false;
        while (true) {
            if (position >= limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (pending.isEmpty()) {
                        return null;
                    }
                    lastTerminated = false;
                    return stripCarriageReturn(pending.toString());
                }
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    String line;
                    if (pending.isEmpty() && !lastCut) {
                        int length = i - position;
                        if (length > maxChars) {
                            lastCut = true;
                            length = maxChars;
                        }
                        line = new String(buffer, position, length);
                    } else {
                        append(position, i - position);
                        line = pending.toString();
                    }
                    position = i + 1;
                    lastTerminated = true;
                    return stripCarriageReturn(line);
                }
            }
            append(position, limit - position);
            position = limit;
        }
    }

    private void append(int from, int length) {
        int room = maxChars - pending.length();
        if (length > room) {
            lastCut = true;
            length = Math.max(0, room);
        }
        pending.append(buffer, from, length);
    }

    private static String stripCarriageReturn(String line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\r' ? line.substring(0, line.length() - 1) : line;
    }
}
