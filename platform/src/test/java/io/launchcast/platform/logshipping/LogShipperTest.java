package io.launchcast.platform.logshipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreException;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.LocalObjectStores;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Log lines reach the object store (the S3 stand-in local mode runs) exactly once: across rounds, a partly written
 * line, a rollover (the active file renamed to a segment), a restart of the shipper, and a crash between an upload
 * and the offset that records it.
 */
class LogShipperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-02T12:00:00Z"), ZoneOffset.UTC);
    private static ObjectStore s3;

    @TempDir
    Path logs;
    private final String service = "svc-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        s3 = LocalObjectStores.onLocalCloud();
    }

    @Test
    void everyLineIsShippedOnceAcrossRoundsARolloverAndARestart() throws IOException {
        Path active = logs.resolve("svc.log");
        append(active, line(1) + line(2) + line(3) + "{\"@timestamp\":\"2027-03-02T10:00:04Z\",\"mess");
        LogShipper shipper = shipper(s3);

        shipper.ship();
        append(active, "age\":\"line 4\"}\n" + line(5));
        shipper.ship();
        // rollover: line 6 lands just before the rename, lines 7 and 8 in the new active file
        append(active, line(6));
        Files.move(active, logs.resolve("svc.log.2027-03-02.0"));
        append(active, line(7) + line(8));
        LogShipper restarted = shipper(s3);
        restarted.ship();
        restarted.ship();

        assertThat(shippedLines()).containsExactlyInAnyOrder(messages(1, 8));
        assertThat(s3.list("logs/" + service + "/")).allSatisfy(o ->
                assertThat(o.key()).startsWith("logs/" + service + "/2027/03/02/" + service + "-").endsWith(".log"));
    }

    @Test
    void anUploadRepeatedAfterACrashReplacesTheSameObject() throws IOException {
        Path active = logs.resolve("svc.log");
        append(active, line(1) + line(2));
        shipper(s3).ship();
        append(active, line(3));
        ObjectStore crashing = new OffsetsWriteFails(s3);

        assertThatThrownBy(() -> shipper(crashing).ship()).isInstanceOf(ObjectStoreException.class);
        append(active, line(4));
        shipper(s3).ship();

        assertThat(shippedLines()).containsExactlyInAnyOrder(messages(1, 4));
    }

    private LogShipper shipper(ObjectStore store) {
        return new LogShipper(store, JSON, new LogShippingProperties(true, logs.resolve("svc.log"), service,
                Duration.ofMinutes(1), "logs", "log-shipping"), CLOCK);
    }

    private List<String> shippedLines() {
        List<String> lines = new ArrayList<>();
        for (ObjectSummary object : s3.list("logs/" + service + "/")) {
            new String(s3.read(object.key()), StandardCharsets.UTF_8).lines()
                    .map(l -> JSON.readTree(l).path("message").asString()).forEach(lines::add);
        }
        return lines;
    }

    private static String[] messages(int from, int to) {
        List<String> messages = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            messages.add("line " + i);
        }
        return messages.toArray(String[]::new);
    }

    private static String line(int i) {
        return "{\"@timestamp\":\"2027-03-02T10:00:0" + i + "Z\",\"message\":\"line " + i + "\"}\n";
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The store as a crash leaves it: the upload went through, the offset that records it did not. */
    private record OffsetsWriteFails(ObjectStore delegate) implements ObjectStore {
        @Override
        public void put(String key, byte[] content, String contentType) {
            if (key.startsWith("log-shipping/")) {
                throw new ObjectStoreException("crash before the offset was kept", null);
            }
            delegate.put(key, content, contentType);
        }

        @Override
        public void put(String key, Path file, String contentType) {
            delegate.put(key, file, contentType);
        }

        @Override
        public void put(String key, InputStream content, long length, String contentType) {
            delegate.put(key, content, length, contentType);
        }

        @Override
        public InputStream open(String key) {
            return delegate.open(key);
        }

        @Override
        public byte[] read(String key) {
            return delegate.read(key);
        }

        @Override
        public Optional<ObjectSummary> head(String key) {
            return delegate.head(key);
        }

        @Override
        public List<ObjectSummary> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public URI uri(String key) {
            return delegate.uri(key);
        }

        @Override
        public String keyOf(URI uri) {
            return delegate.keyOf(uri);
        }

        @Override
        public boolean isReachable() {
            return delegate.isReachable();
        }
    }
}
