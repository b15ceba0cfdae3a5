package io.launchcast.platform.objectstore;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a whole object and, when the connection breaks before its last byte, opens it again from the byte
 * where reading stopped. A reader that applies back-pressure (a batch job waiting for its workers) leaves the
 * connection idle long enough for a server to close it; S3 and the local stand-in both do. Without this, a
 * job over a large input failed minutes in with "Premature end of Content-Length delimited message body".
 * Objects are immutable while read (inputs are written once), so the bytes after a reopen are the same.
 */
public final class ResumingObjectStream extends InputStream {

    private static final Logger log = LoggerFactory.getLogger(ResumingObjectStream.class);

    private final ObjectStore store;
    private final String key;
    private final long length;
    private final int maxReopens;
    private InputStream current;
    private long position;
    private int reopens;
    private final byte[] one = new byte[1];

    /**
     * @param length     the object's size (from {@link ObjectStore#head}); a stream that ends earlier was cut
     * @param maxReopens how many broken connections to survive before giving up with the last error
     */
    public ResumingObjectStream(ObjectStore store, String key, long length, int maxReopens) {
        this.store = store;
        this.key = key;
        this.length = length;
        this.maxReopens = maxReopens;
        this.current = store.open(key);
    }

    /** How many times the object was opened again after a broken read. */
    public int reopens() {
        return reopens;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (true) {
            try {
                int n = current.read(buffer, offset, count);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n < 0 && position >= length) {
                    return -1;
                }
                if (n < 0) {
                    throw new IOException("stream ended at byte " + position + " of " + length);
                }
            } catch (IOException e) {
                reopen(e);
            }
        }
    }

    private void reopen(IOException cause) throws IOException {
        if (++reopens > maxReopens) {
            throw new IOException("reading " + key + " broke off " + reopens + " times, last at byte " + position
                    + " of " + length, cause);
        }
        log.warn("reading {} broke off at byte {} of {} ({}); opening it again from there ({} of {})", key,
                position, length, cause.getMessage(), reopens, maxReopens);
        try {
            current.close();
        } catch (IOException ignored) {
            // the broken connection is being replaced; its close may fail too
        }
        try {
            current = store.open(key, position);
        } catch (RuntimeException e) {
            IOException failure = new IOException("opening " + key + " again from byte " + position + " failed", e);
            failure.addSuppressed(cause);
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
