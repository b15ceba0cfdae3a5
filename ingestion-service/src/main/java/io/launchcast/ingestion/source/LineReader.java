package io.launchcast.ingestion.source;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads physical lines like {@link java.io.BufferedReader#readLine()}, but also says whether the last line
 * was terminated, so that a truncated file can be named as such in quarantine.
 */
final class LineReader {

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean lastTerminated = true;
    private final StringBuilder pending = new StringBuilder();

    LineReader(Reader in) {
        this.in = in;
    }

    /** Whether the line last returned ended with a line break. */
    boolean lastTerminated() {
        return lastTerminated;
    }

    String readLine() throws IOException {
        pending.setLength(0);
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
                    if (pending.isEmpty()) {
                        line = new String(buffer, position, i - position);
                    } else {
                        pending.append(buffer, position, i - position);
                        line = pending.toString();
                    }
                    position = i + 1;
                    lastTerminated = true;
                    return stripCarriageReturn(line);
                }
            }
            pending.append(buffer, position, limit - position);
            position = limit;
        }
    }

    private static String stripCarriageReturn(String line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\r' ? line.substring(0, line.length() - 1) : line;
    }
}
