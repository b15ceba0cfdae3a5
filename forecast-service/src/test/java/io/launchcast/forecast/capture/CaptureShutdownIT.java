package io.launchcast.forecast.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.LocalObjectStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** A clean shutdown writes every captured record, even while a slow write is in flight; a batch never drops one. */
@ExtendWith(LocalCloudExtension.class)
class CaptureShutdownIT {

    @Test
    void stoppingDuringASlowWriteLosesNothing() throws Exception {
        ObjectStore s3 = LocalObjectStores.onLocalCloud();
        ObjectStore slow = slowPuts(s3, Duration.ofMillis(300)); // as a distant S3 would be
        String endpoint = "shutdown-" + UUID.randomUUID();
        CaptureProperties properties = new CaptureProperties(100, endpoint, 1000, Duration.ofMillis(50), 5,
                Duration.ZERO);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObjectStoreCaptureSink sink = new ObjectStoreCaptureSink(slow, JsonMapper.builder().build(), properties,
                Clock.systemUTC(), meters);
        sink.start();
        for (int i = 0; i < 23; i++) {
            sink.capture("invocations", Map.of("i", i), Map.of("mean", i));
        }
        Thread.sleep(120); // the flusher is now inside its first write

        sink.stop();

        long lines = capturedLines(s3, endpoint);
        assertThat(lines).isEqualTo(23);
        assertThat(meters.counter("launchcast.capture.records", "outcome", "dropped").count()).isZero();
    }

    @Test
    void aBatchWaitsForRoomInTheBufferInsteadOfDroppingRecords() throws Exception {
        ObjectStore s3 = LocalObjectStores.onLocalCloud();
        String endpoint = "batch-" + UUID.randomUUID();
        // room for two records, written two at a time with a slow store: a request would drop most of them
        CaptureProperties properties = new CaptureProperties(100, endpoint, 2, Duration.ofMillis(20), 2,
                Duration.ZERO);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObjectStoreCaptureSink sink = new ObjectStoreCaptureSink(slowPuts(s3, Duration.ofMillis(50)),
                JsonMapper.builder().build(), properties, Clock.systemUTC(), meters);
        sink.start();
        for (int i = 0; i < 12; i++) {
            sink.captureBatchJson("{\"i\":" + i + "}", "[{\"mean\":" + i + "}]", null);
        }
        sink.stop();

        long lines = capturedLines(s3, endpoint);
        assertThat(lines).isEqualTo(12);
        assertThat(meters.counter("launchcast.capture.records", "outcome", "dropped").count()).isZero();
    }

    private static long capturedLines(ObjectStore s3, String endpoint) {
        long lines = 0;
        for (ObjectSummary o : s3.list("capture/" + endpoint + "/")) {
            lines += new String(s3.read(o.key()), StandardCharsets.UTF_8).lines().count();
        }
        return lines;
    }

    /** The real store, with every put delayed the way the SDK waits on the network (interruptibly). */
    private static ObjectStore slowPuts(ObjectStore store, Duration delay) {
        return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put")) {
                        try {
                            Thread.sleep(delay.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("put interrupted", e);
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
