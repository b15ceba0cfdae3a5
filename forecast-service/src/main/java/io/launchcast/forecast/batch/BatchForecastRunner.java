package io.launchcast.forecast.batch;

import io.launchcast.forecast.capture.CaptureSink;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.Forecast;
import io.launchcast.forecast.serving.ForecastRequest;
import io.launchcast.forecast.serving.ForecastService;
import io.launchcast.forecast.serving.InvalidForecastRequestException;
import io.launchcast.forecast.serving.NewProduct;
import io.launchcast.forecast.serving.ProductLines;
import io.launchcast.forecast.serving.ServingModel;
import io.launchcast.platform.io.CountingInputStream;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.objectstore.ResumingObjectStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs batch forecast jobs. The input is streamed and cut into parts of a fixed number of lines; part {@code k}
 * becomes one output object {@code <prefix>/part-<k>.<ext>}, written whole in one put, with exactly one output
 * line per input line (the input line joined to its forecast, or to an error). A part whose output exists is
 * skipped, so a job restarted after a crash completes without duplicates or gaps. At most {@code threads + 1}
 * parts are in memory at once.
 */
public class BatchForecastRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchForecastRunner.class);
    static final String JOBS = "batch-forecasts/jobs/";
    static final String SUCCESS = "_SUCCESS.json";
    /** Lines of a part forecast together: enough for the model's blocks, few enough to keep features small. */
    static final int LINES_PER_BLOCK = 256;
    private static final String IN_PROCESS = "in-process";

    private final ObjectStore store;
    private final JsonMapper json;
    private final ChampionModel champion;
    private final ForecastService forecasts;
    private final CaptureSink capture;
    private final BatchProperties properties;
    private final ExecutorService jobs;
    private final Clock clock;
    private final ProductLines lines;
    private final RemoteBatchForecasts remote;
    private final BatchMeters meters;

    /** A runner that computes the forecasts in this process. */
    public BatchForecastRunner(ObjectStore store, JsonMapper json, ChampionModel champion, ForecastService forecasts,
            CaptureSink capture, BatchProperties properties, ExecutorService jobs, Clock clock, MeterRegistry meters) {
        this(store, json, champion, forecasts, capture, properties, jobs, clock, null, meters);
    }

    /** A runner that hands the work to {@code remote} when it is not null. */
    public BatchForecastRunner(ObjectStore store, JsonMapper json, ChampionModel champion, ForecastService forecasts,
            CaptureSink capture, BatchProperties properties, ExecutorService jobs, Clock clock,
            RemoteBatchForecasts remote, MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.champion = champion;
        this.forecasts = forecasts;
        this.capture = capture;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
        this.lines = new ProductLines(json);
        this.remote = remote;
        this.meters = new BatchMeters(meters);
    }

    /** Checks the URIs, records the job and starts it in the background. */
    public BatchForecastJob submit(BatchForecastRequest request) {
        String inputKey = keyOf("inputUri", request.inputUri());
        String prefix = keyOf("outputPrefix", request.outputPrefix().endsWith("/") ? request.outputPrefix()
                : request.outputPrefix() + "/");
        ObjectSummary input = store.head(inputKey).orElseThrow(() -> new IllegalArgumentException(
                "inputUri: nothing is stored at " + request.inputUri()));
        if (!inputKey.endsWith(".jsonl") && !inputKey.endsWith(".csv")) {
            throw new IllegalArgumentException("inputUri: name a .jsonl or .csv object (one product per line)");
        }
        BatchForecastJob job = new BatchForecastJob(UUID.randomUUID().toString(), request.inputUri(),
                store.uri(prefix).toString(), "QUEUED", null, input.size(), 0, 0, 0, 0, 0, 0, 0, null,
                Instant.now(clock), null, null, null, request.explain(), request.captureSamplingPercentage());
        save(job);
        jobs.execute(() -> run(job.id()));
        return job;
    }

    /** The checked key of a request's URI; the exception names the field. */
    private String keyOf(String field, String uri) {
        try {
            return store.keyOf(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    public Optional<BatchForecastJob> find(String id) {
        return store.head(JOBS + id + ".json").map(o -> json.readValue(store.read(o.key()), BatchForecastJob.class));
    }

    public List<BatchForecastJob> list() {
        return store.list(JOBS).stream().map(o -> json.readValue(store.read(o.key()), BatchForecastJob.class))
                .sorted(Comparator.comparing(BatchForecastJob::createdAt).reversed()).toList();
    }

    /** Restarts jobs a previous process left queued or running; their finished parts are kept. */
    public int resumeUnfinished() {
        int resumed = 0;
        for (BatchForecastJob job : list()) {
            if ("QUEUED".equals(job.state()) || "RUNNING".equals(job.state())) {
                log.info("resuming batch forecast job {} ({} % done before the restart)", job.id(), job.percentDone());
                jobs.execute(() -> run(job.id()));
                resumed++;
            }
        }
        return resumed;
    }

    /**
     * Runs a FAILED job again under the same id and output prefix: the parts it wrote are kept and skipped, so
     * the output ends with exactly one line per input line, as after a crash. A job in any other state is
     * refused: a running job is already going, and a finished one has all its parts.
     */
    public BatchForecastJob retry(String id) {
        BatchForecastJob job = find(id).orElseThrow(() -> new NoSuchElementException(id));
        if (!"FAILED".equals(job.state())) {
            throw new NotRetryableException("batch forecast job " + id + " is " + job.state()
                    + "; only a FAILED job can be retried");
        }
        BatchForecastJob queued = save(job.with("QUEUED", job.bytesDone(), job.rowsDone(), job.failedLines(),
                job.partsWritten(), job.partsSkipped(), 0, job.startedAt(), null, null, job.modelVersion()));
        log.info("retrying batch forecast job {} (failed at {} %: {})", id, job.percentDone(), job.error());
        jobs.execute(() -> run(id));
        return queued;
    }

    /** Runs (or resumes) a job to completion on the calling thread. */
    public BatchForecastJob run(String id) {
        BatchForecastJob job = find(id).orElseThrow();
        if (remote != null) {
            return timed(remote.run(job, this::save), "sagemaker");
        }
        Instant started = Instant.now(clock);
        ServingModel model;
        try {
            model = awaitModel();
        } catch (RuntimeException e) {
            return timed(save(job.with("FAILED", 0, 0, 0, 0, 0, 0, started, Instant.now(clock), e.getMessage(), null)),
                    IN_PROCESS);
        }
        String inputKey = store.keyOf(URI.create(job.inputUri()));
        String prefix = store.keyOf(URI.create(job.outputPrefix()));
        boolean csv = inputKey.endsWith(".csv");
        AtomicLong rows = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        ExecutorService parts = Executors.newFixedThreadPool(properties.threads());
        Semaphore inFlight = new Semaphore(properties.threads() + 1);
        List<Future<?>> pending = new ArrayList<>();
        job = save(job.with("RUNNING", 0, 0, 0, 0, 0, 0, started, null, null, model.version()));
        // the reader waits on its workers, long enough for the server to drop an idle connection: resume then
        try (CountingInputStream counted = new CountingInputStream(new ResumingObjectStream(store, inputKey,
                        job.inputBytes(), 20));
                BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16)) {
            String header = null;
            int part = 0;
            List<String> chunk = new ArrayList<>(properties.linesPerPart());
            long lineNumber = 0;
            long firstLineOfChunk = 1;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (csv && lineNumber == 1 && ProductLines.isCsvHeader(line)) {
                    header = line;
                    firstLineOfChunk = 2;
                    continue;
                }
                chunk.add(line);
                if (chunk.size() == properties.linesPerPart()) {
                    submitPart(parts, inFlight, pending, model, prefix, part++, firstLineOfChunk, chunk, csv,
                            job.explains(), job.captureSamplingPercentage(), rows, failed, written, skipped);
                    if (part == 1 && !pending.isEmpty()) {
                        // the first part alone: what the model builds once per launch date (what was known then,
                        // over every launch of its history) is built by one worker, not by each at the same time
                        pending.get(0).get();
                    }
                    firstLineOfChunk = lineNumber + 1;
                    chunk = new ArrayList<>(properties.linesPerPart());
                    job = progress(job, counted.count(), rows, failed, written, skipped, started, model);
                }
            }
            if (!chunk.isEmpty()) {
                submitPart(parts, inFlight, pending, model, prefix, part++, firstLineOfChunk, chunk, csv,
                            job.explains(), job.captureSamplingPercentage(), rows, failed, written, skipped);
            }
            for (Future<?> future : pending) {
                future.get();
            }
            Instant finished = Instant.now(clock);
            double rate = rows.get() / Math.max(1e-3, Duration.between(started, finished).toMillis() / 1000.0);
            job = job.with("SUCCEEDED", job.inputBytes(), rows.get(), failed.get(), written.get(), skipped.get(), rate,
                    started, finished, null, model.version());
            store.put(prefix + SUCCESS, json.writeValueAsBytes(job), "application/json");
            log.info("batch forecast job {} done: {} rows in {} parts ({} skipped as already written), {} rows/s, "
                    + "{} error lines, header {}", job.id(), rows.get(), part, skipped.get(), Math.round(rate),
                    failed.get(), header != null);
            return timed(save(job), IN_PROCESS);
        } catch (Exception e) {
            log.error("batch forecast job {} failed", job.id(), e);
            return timed(save(job.with("FAILED", job.bytesDone(), rows.get(), failed.get(), written.get(), skipped.get(),
                    job.rowsPerSecond(), started, Instant.now(clock), String.valueOf(e.getMessage()), model.version())),
                    IN_PROCESS);
        } finally {
            parts.shutdownNow();
        }
    }

    /** Records how long a finished run took, by its outcome; answers the job. */
    private BatchForecastJob timed(BatchForecastJob job, String backend) {
        if (job.startedAt() != null && job.finishedAt() != null) {
            meters.finished("SUCCEEDED".equals(job.state()) ? BatchMeters.Outcome.SUCCEEDED : BatchMeters.Outcome.FAILED,
                    backend, Duration.between(job.startedAt(), job.finishedAt()));
        }
        return job;
    }

    /** A job resumed at start-up may run before the champion has loaded: give it a minute. */
    private ServingModel awaitModel() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (champion.loaded().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return champion.get();
    }

    private void submitPart(ExecutorService parts, Semaphore inFlight, List<Future<?>> pending, ServingModel model,
            String prefix, int part, long firstLine, List<String> chunk, boolean csv, boolean explain,
            Integer captureSampling, AtomicLong rows, AtomicLong failed, AtomicInteger written, AtomicInteger skipped)
            throws InterruptedException {
        String key = prefix + String.format("part-%06d.%s", part, csv ? "csv" : "jsonl");
        meters.read(chunk.size());
        if (store.head(key).isPresent()) {
            rows.addAndGet(chunk.size());
            skipped.incrementAndGet();
            meters.skipped(chunk.size());
            return;
        }
        inFlight.acquire(); // bounds memory: the reader waits while enough parts are being forecast
        pending.add(parts.submit(() -> {
            try {
                // encoded line by line: a StringBuilder, its String and their bytes held three copies of a part
                ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.size() * 512);
                long errors = 0;
                for (int from = 0; from < chunk.size(); from += LINES_PER_BLOCK) {
                    errors += forecastBlock(model, chunk, from, Math.min(chunk.size(), from + LINES_PER_BLOCK),
                            firstLine, csv, explain, captureSampling, out);
                }
                store.put(key, out.toByteArray(), csv ? "text/csv" : "application/jsonlines");
                rows.addAndGet(chunk.size());
                failed.addAndGet(errors);
                written.incrementAndGet();
                meters.written(chunk.size() - errors, errors);
            } finally {
                inFlight.release();
            }
            return null;
        }));
    }

    /**
     * Forecasts lines {@code from..to-1} of a part together and appends one output line per input line: the
     * input joined to its forecasts, or to the errors of its line. Returns the number of error lines.
     */
    private long forecastBlock(ServingModel model, List<String> chunk, int from, int to, long firstLine, boolean csv,
            boolean explain, Integer captureSampling, ByteArrayOutputStream out) throws InterruptedException {
        int count = to - from;
        NewProduct[] products = new NewProduct[count];
        InvalidForecastRequestException[] refused = new InvalidForecastRequestException[count];
        List<ForecastRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String where = "line " + (firstLine + from + i);
            try {
                products[i] = csv ? lines.fromCsv(chunk.get(from + i), model.attributes(), where)
                        : lines.fromJson(chunk.get(from + i), where);
                requests.add(new ForecastRequest(List.of(products[i]), null, null, explain));
            } catch (InvalidForecastRequestException e) {
                refused[i] = e;
            }
        }
        Iterator<ForecastService.Answer> answers = forecasts.forecastEach(requests).iterator();
        long errors = 0;
        for (int i = 0; i < count; i++) {
            String line = chunk.get(from + i);
            ForecastService.Answer answer = refused[i] == null ? answers.next() : null;
            InvalidForecastRequestException e = answer == null ? refused[i] : answer.refused();
            if (e != null) {
                errors++;
                appendLine(out, csv ? line + ",ERROR," + csvSafe(e.errors().toString()) : errorLine(line, e));
                continue;
            }
            String forecastsJson = json.writeValueAsString(answer.forecasts());
            appendLine(out, csv ? csvLine(line, answer.forecasts()) : jsonLine(json, line,
                    answer.forecasts().get(0).modelVersion(), forecastsJson));
            capture.captureBatchJson(csv ? json.writeValueAsString(products[i]) : line, forecastsJson, captureSampling);
        }
        return errors;
    }

    private static void appendLine(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /**
     * The input object with {@code modelVersion} and {@code forecasts} added, the input's own text kept as it
     * came: appending to it is much cheaper than parsing and writing it again. An input that already has
     * either field (or is not an object) is parsed, and the fields replaced.
     */
    static String jsonLine(JsonMapper json, String input, String modelVersion, String forecastsJson) {
        String version = json.writeValueAsString(modelVersion);
        int end = input.lastIndexOf('}');
        if (end > 0 && input.charAt(0) == '{' && input.substring(end + 1).isBlank()
                && !input.contains("\"modelVersion\"") && !input.contains("\"forecasts\"")) {
            boolean empty = input.substring(1, end).isBlank();
            return input.substring(0, end) + (empty ? "" : ",") + "\"modelVersion\":" + version + ",\"forecasts\":"
                    + forecastsJson + "}";
        }
        JsonNode parsed = json.readTree(input);
        ObjectNode joined = parsed.isObject() ? (ObjectNode) parsed.deepCopy() : json.createObjectNode();
        joined.put("modelVersion", modelVersion);
        joined.set("forecasts", json.readTree(forecastsJson));
        return json.writeValueAsString(joined);
    }

    private String errorLine(String input, InvalidForecastRequestException e) {
        ObjectNode joined = json.createObjectNode();
        try {
            JsonNode parsed = json.readTree(input);
            if (parsed.isObject()) {
                joined = (ObjectNode) parsed.deepCopy();
            } else {
                joined.put("input", input);
            }
        } catch (RuntimeException unreadable) {
            joined.put("input", input);
        }
        joined.set("errors", json.valueToTree(e.errors()));
        return json.writeValueAsString(joined);
    }

    private static String csvLine(String input, List<Forecast> answer) {
        StringBuilder out = new StringBuilder(input).append(',').append(answer.get(0).modelVersion());
        for (Forecast.Period period : answer.get(0).periods()) {
            out.append(',').append(period.mean());
            period.quantiles().values().forEach(q -> out.append(',').append(q));
        }
        return out.toString();
    }

    private static String csvSafe(String text) {
        return '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }

    private BatchForecastJob progress(BatchForecastJob job, long bytes, AtomicLong rows, AtomicLong failed,
            AtomicInteger written, AtomicInteger skipped, Instant started, ServingModel model) {
        double rate = rows.get() / Math.max(1e-3, Duration.between(started, Instant.now(clock)).toMillis() / 1000.0);
        BatchForecastJob updated = job.with("RUNNING", bytes, rows.get(), failed.get(), written.get(), skipped.get(),
                rate, started, null, null, model.version());
        log.info("batch forecast job {}: {} % ({} rows, {} rows/s, ETA {} s)", job.id(), updated.percentDone(),
                rows.get(), Math.round(rate), updated.etaSeconds());
        return save(updated);
    }

    private BatchForecastJob save(BatchForecastJob job) {
        store.put(JOBS + job.id() + ".json", json.writeValueAsBytes(job), "application/json");
        return job;
    }

    /** A retry asked of a job that has not failed. */
    public static final class NotRetryableException extends RuntimeException {

        NotRetryableException(String message) {
            super(message);
        }
    }
}
