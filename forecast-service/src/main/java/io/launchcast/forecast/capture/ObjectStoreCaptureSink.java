package io.launchcast.forecast.capture;

import io.launchcast.platform.objectstore.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Captures inferences in SageMaker's data-capture layout: JSON Lines objects under
 * {@code capture/<endpoint>/AllTraffic/yyyy/MM/dd/HH/}, each line with {@code captureData.endpointInput},
 * {@code captureData.endpointOutput} and {@code eventMetadata.inferenceId}. Requests only enqueue (never block);
 * a background thread writes batches; stopping drains the queue, so a clean shutdown loses nothing.
 */
public class ObjectStoreCaptureSink implements CaptureSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreCaptureSink.class);
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    /** Queued by {@link #stop()} to wake the flusher; interrupting it instead could abort a write half-way. */
    private static final Captured STOP = new Captured("stop", null, null, Instant.EPOCH, "stop");

    /**
     * A record waiting to be written, with its payloads already as JSON text: held as object graphs for
     * seconds under load, the answers of thousands of requests were promoted to the old generation and
     * caused full collections; as text they are a fraction of the size.
     */
    private record Captured(String channel, String input, String output, Instant at, String inferenceId) {
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final CaptureProperties properties;
    private final Clock clock;
    private final BlockingQueue<Captured> queue;
    private final Counter captured;
    private final Counter dropped;
    private final Counter written;
    private volatile boolean running;
    private volatile Thread flusher;

    public ObjectStoreCaptureSink(ObjectStore store, JsonMapper json, CaptureProperties properties, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
        this.captured = meters.counter("launchcast.capture.records", "outcome", "queued");
        this.dropped = meters.counter("launchcast.capture.records", "outcome", "dropped");
        this.written = meters.counter("launchcast.capture.records", "outcome", "written");
    }

    @Override
    public void capture(String channel, Object input, Object output) {
        if (sampled()) {
            enqueue(channel, json.writeValueAsString(input), json.writeValueAsString(output));
        }
    }

    @Override
    public void captureJson(String channel, String inputJson, String outputJson) {
        if (sampled()) {
            enqueue(channel, inputJson, outputJson);
        }
    }

    @Override
    public void captureBatchJson(String inputJson, String outputJson, Integer samplingPercentage)
            throws InterruptedException {
        if (!inSample(samplingPercentage == null ? properties.samplingPercentage() : samplingPercentage)) {
            return;
        }
        Captured record = new Captured("batch", inputJson, outputJson, Instant.now(clock), randomId());
        // waits while the flusher empties the queue; once stopping (or should the flusher have died), the
        // record is offered once more and counted as dropped if there is still no room
        while (running && flusher != null && flusher.isAlive()) {
            if (queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
                captured.increment();
                return;
            }
        }
        if (queue.offer(record)) {
            captured.increment();
        } else {
            dropped.increment();
        }
    }

    private static boolean inSample(int percentage) {
        return percentage >= 100 || ThreadLocalRandom.current().nextInt(100) < percentage;
    }

    /** Whether this inference is in the configured sample and there is room for it. */
    private boolean sampled() {
        if (!inSample(properties.samplingPercentage())) {
            return false;
        }
        if (queue.remainingCapacity() == 0) {
            dropped.increment();
            return false;
        }
        return true;
    }

    private void enqueue(String channel, String inputJson, String outputJson) {
        Captured record = new Captured(channel, inputJson, outputJson, Instant.now(clock), randomId());
        if (queue.offer(record)) {
            captured.increment();
        } else {
            dropped.increment(); // a full buffer must not slow the request; the counter makes it visible
        }
    }

    /**
     * A random (version 4) UUID from the thread's generator: {@code UUID.randomUUID()} draws on one shared
     * SecureRandom, a lock every capture would queue on; an id only needs to be unique, not unguessable.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    public void start() {
        running = true;
        flusher = new Thread(this::flushLoop, "capture-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            // a full queue already keeps the flusher awake; otherwise the marker ends its wait at once
            queue.offer(STOP);
            try {
                flusher.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = flushAll();
        log.info("data capture stopped; {} records flushed at shutdown", left);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (lower phase stops later), so in-flight requests are captured too. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    private void flushLoop() {
        while (running) {
            List<Captured> batch = new ArrayList<>();
            try {
                Captured first = queue.poll(properties.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null || first == STOP) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + properties.flushInterval().toNanos();
                while (batch.size() < properties.maxRecordsPerFile() && System.nanoTime() < deadline) {
                    Captured next = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                    if (next == null || next == STOP) {
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(batch);
        }
    }

    /** Writes whatever is queued now; returns how many records. */
    public int flushAll() {
        int total = 0;
        List<Captured> batch = new ArrayList<>();
        while (queue.drainTo(batch, properties.maxRecordsPerFile()) > 0) {
            batch.remove(STOP);
            total += batch.size();
            write(batch);
            batch = new ArrayList<>();
        }
        return total;
    }

    private void write(List<Captured> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Captured c : batch) {
            lines.append(json.writeValueAsString(line(c))).append('\n');
        }
        Instant first = batch.get(0).at();
        String key = "capture/" + properties.endpointName() + "/AllTraffic/" + HOUR_PATH.format(first) + "/"
                + first.toEpochMilli() + "-" + UUID.randomUUID() + ".jsonl";
        try {
            store.put(key, lines.toString().getBytes(StandardCharsets.UTF_8), "application/jsonlines");
            written.increment(batch.size());
        } catch (RuntimeException e) {
            // capture must never break serving: count the loss and say so
            dropped.increment(batch.size());
            log.error("could not write {} capture records to {}: {}", batch.size(), key, e.getMessage());
        }
    }

    private ObjectNode line(Captured c) {
        ObjectNode line = json.createObjectNode();
        ObjectNode data = line.putObject("captureData");
        ObjectNode in = data.putObject("endpointInput");
        in.put("observedContentType", "application/json").put("mode", "INPUT")
                .put("data", c.input()).put("encoding", "JSON");
        ObjectNode out = data.putObject("endpointOutput");
        out.put("observedContentType", "application/json").put("mode", "OUTPUT")
                .put("data", c.output()).put("encoding", "JSON");
        line.putObject("eventMetadata").put("eventId", randomId())
                .put("inferenceId", c.inferenceId()).put("inferenceTime", c.at().toString())
                .put("channel", c.channel());
        line.put("eventVersion", "0");
        return line;
    }
}
