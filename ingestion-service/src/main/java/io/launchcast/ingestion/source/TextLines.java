package io.launchcast.ingestion.source;

import java.io.IOException;

/** Physical lines of a text source, with what a reader needs to say about the last one. */
abstract class TextLines {

    /** Longer lines are cut (and flagged): a file without line breaks must not exhaust the heap. */
    static final int MAX_LINE_CHARS = 8 * 1024 * 1024;

    protected boolean lastTerminated = true;
    protected boolean lastCut;

    /** The next line without its terminator (nor a carriage return before it), or null at the end. */
    abstract String readLine() throws IOException;

    /** Whether the line last returned was longer than the limit and has been cut to it. */
    boolean lastCut() {
        return lastCut;
    }

    /** Whether the line last returned ended with a line break. */
    boolean lastTerminated() {
        return lastTerminated;
    }
}
