package io.launchcast.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.testing.LocalObjectStores;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads over connections that break: the whole object arrives, once, in order. */
class ResumingObjectStreamTest {

    static ObjectStore s3;
    static String key;
    static byte[] content;

    @BeforeAll
    static void putObject() {
        s3 = LocalObjectStores.onLocalCloud();
        key = "resuming/" + UUID.randomUUID() + "/input.jsonl";
        content = new byte[5 * 1024 * 1024 + 17];
        new Random(5).nextBytes(content);
        s3.put(key, content, "application/octet-stream");
    }

    @Test
    void aReadThatBreaksEveryMegabyteStillDeliversEveryByteOnce() throws IOException {
        ObjectStore breaking = breakingAfter(s3, 1024 * 1024);

        try (ResumingObjectStream in = new ResumingObjectStream(breaking, key, content.length, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.reopens()).isEqualTo(5);
        }
    }

    @Test
    void givesUpWithTheCauseAfterTooManyBreaks() throws IOException {
        ObjectStore breaking = breakingAfter(s3, 1024 * 1024);

        try (ResumingObjectStream in = new ResumingObjectStream(breaking, key, content.length, 2)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageContaining("broke off 3 times").hasRootCauseMessage("connection reset (simulated)");
        }
    }

    @Test
    void aStreamThatEndsEarlyWithoutAnErrorIsResumedToo() throws IOException {
        ObjectStore truncating = proxy(s3, in -> new FilterInputStream(in) {
            private long left = 2 * 1024 * 1024;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1; // a silent early end, as a proxy that drops the connection cleanly would give
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        });

        try (ResumingObjectStream in = new ResumingObjectStream(truncating, key, content.length, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.reopens()).isEqualTo(2);
        }
    }

    /** The real store, whose streams throw after {@code bytes} bytes, like a connection reset by the server. */
    private static ObjectStore breakingAfter(ObjectStore store, long bytes) {
        return proxy(store, in -> new FilterInputStream(in) {
            private long left = bytes;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset (simulated)");
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        });
    }

    private static ObjectStore proxy(ObjectStore store, java.util.function.UnaryOperator<InputStream> wrap) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (p, method, args) -> {
                    Object result;
                    try {
                        result = method.getName().equals("open") && args.length == 2
                                ? store.open((String) args[0], (Long) args[1]) : method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return result instanceof InputStream in ? wrap.apply(in) : result;
                });
    }
}
