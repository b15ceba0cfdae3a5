package io.launchcast.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} adapter must do. An adapter's test implements this interface and supplies
 * the store; each test works under its own random prefix so adapters can share a bucket.
 */
public interface ObjectStoreContract {

    ObjectStore store();

    private static String prefix() {
        return "contract/" + UUID.randomUUID() + "/";
    }

    @Test
    default void readsBackWhatWasPut() {
        String key = prefix() + "a.txt";
        store().put(key, "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(new String(store().read(key), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(store().head(key)).get().extracting(ObjectSummary::size).isEqualTo(5L);
    }

    @Test
    default void opensFromAByteOffset() throws IOException {
        String key = prefix() + "range.bin";
        byte[] content = new byte[10_000];
        new java.util.Random(3).nextBytes(content);
        store().put(key, content, "application/octet-stream");

        try (java.io.InputStream in = store().open(key, 7_321)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 7_321, content.length));
        }
        try (java.io.InputStream in = store().open(key, 0)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    default void putsFileAndStream(@TempDir Path tmp) throws IOException {
        String base = prefix();
        Path file = Files.writeString(tmp.resolve("f.csv"), "x,y\n1,2\n");
        store().put(base + "file.csv", file, "text/csv");
        store().put(base + "stream.bin", new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "application/octet-stream");

        assertThat(store().read(base + "file.csv")).isEqualTo(Files.readAllBytes(file));
        assertThat(store().read(base + "stream.bin")).containsExactly(1, 2, 3);
    }

    @Test
    default void overwriteReplacesTheWholeObject() {
        String key = prefix() + "o.txt";
        store().put(key, "a much longer first version".getBytes(StandardCharsets.UTF_8), "text/plain");
        store().put(key, "v2".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(new String(store().read(key), StandardCharsets.UTF_8)).isEqualTo("v2");
    }

    @Test
    default void listsByPrefixInKeyOrderWithoutNeighbours() {
        String base = prefix();
        store().put(base + "b/2.txt", new byte[] {2}, "text/plain");
        store().put(base + "a/1.txt", new byte[] {1}, "text/plain");
        store().put(base + "b/1.txt", new byte[] {1}, "text/plain");
        store().put(base + "bb.txt", new byte[] {9}, "text/plain");

        assertThat(store().list(base + "b/")).extracting(ObjectSummary::key)
                .containsExactly(base + "b/1.txt", base + "b/2.txt");
        assertThat(store().list(base)).extracting(ObjectSummary::key)
                .containsExactly(base + "a/1.txt", base + "b/1.txt", base + "b/2.txt", base + "bb.txt");
        assertThat(store().list(prefix())).isEmpty();
    }

    @Test
    default void deleteRemovesAndIsIdempotent() {
        String key = prefix() + "d.txt";
        store().put(key, new byte[] {1}, "text/plain");

        store().delete(key);
        store().delete(key);

        assertThat(store().head(key)).isEmpty();
        assertThat(store().list(key)).isEmpty();
    }

    @Test
    default void missingKeyIsReportedAsSuch() {
        String key = prefix() + "missing.txt";

        assertThat(store().head(key)).isEmpty();
        assertThatThrownBy(() -> store().read(key)).isInstanceOf(NoSuchObjectException.class).hasMessageContaining(key);
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    default void streamsA64MiBObjectBothWays() throws Exception {
        String key = prefix() + "large.bin";
        long size = 64L * 1024 * 1024;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        try (InputStream source = new PatternInputStream(size, written)) {
            store().put(key, source, size, "application/octet-stream");
        }

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = store().open(key)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; count += n) {
                read.update(buffer, 0, n);
            }
        }
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(HexFormat.of().formatHex(written.digest()));
    }

    @Test
    default void concurrentWritersEachLandWholeAndLastWriteWins() throws Exception {
        String base = prefix();
        String shared = base + "shared.txt";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int writer = 0; writer < 16; writer++) {
                int w = writer;
                writes.add(pool.submit(() -> {
                    byte[] body = ("writer-" + w + "-").repeat(1000).getBytes(StandardCharsets.UTF_8);
                    store().put(base + "own/" + w, body, "text/plain");
                    store().put(shared, body, "text/plain");
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store().list(base + "own/")).hasSize(16);
        String winner = new String(store().read(shared), StandardCharsets.UTF_8);
        // whoever won, the object is one writer's whole body, never an interleaving
        assertThat(winner).matches("(writer-\\d+-)+");
        assertThat(winner).isEqualTo(winner.substring(0, winner.indexOf('-', 7) + 1).repeat(1000));
    }

    @Test
    default void urisRoundTripToKeys() {
        String key = prefix() + "u v.txt";

        assertThat(store().keyOf(store().uri(key))).isEqualTo(key);
        assertThatThrownBy(() -> store().keyOf(java.net.URI.create("s3://someone-elses-bucket/x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void mirrorsAPrefixToADirectoryAndSkipsWhatIsAlreadyThere(@TempDir Path tmp) throws IOException {
        String base = prefix();
        store().put(base + "v=1/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store().put(base + "v=1/sales/year=2019/part-0.parquet", new byte[] {1, 2, 3}, "application/octet-stream");

        int first = ObjectStoreMirror.mirror(store(), base + "v=1/", tmp.resolve("v1"));
        int second = ObjectStoreMirror.mirror(store(), base + "v=1/", tmp.resolve("v1"));

        assertThat(first).isEqualTo(2);
        assertThat(second).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("v1/sales/year=2019/part-0.parquet"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(tmp.resolve("v1/_manifest.json"))).isEqualTo("{}");
    }

    /** A deterministic byte pattern of a given length that digests what it hands out, without a buffer of it. */
    final class PatternInputStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;

        PatternInputStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            int b = (int) ((position * 31 + (position >>> 12)) & 0xff);
            position++;
            digest.update((byte) b);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position * 31 + (position >>> 12)) & 0xff);
                position++;
            }
            digest.update(buffer, offset, n);
            return n;
        }
    }
}
