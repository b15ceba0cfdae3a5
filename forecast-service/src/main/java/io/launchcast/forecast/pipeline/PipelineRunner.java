package io.launchcast.forecast.pipeline;

import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs pipelines step by step, reusing a step's cached output whenever its cache key (the hash of its
 * fingerprint, the code version and its upstream outputs) was seen before. Run records are written to the
 * object store after every change of state, so {@code GET /pipeline-runs/{id}} shows live progress and a
 * restart finds every run.
 */
public class PipelineRunner implements PipelineExecutions {

    private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);
    static final String RUNS = "pipeline/runs/";
    static final String CACHE = "pipeline/cache/";

    private final ObjectStore store;
    private final JsonMapper json;
    private final String codeVersion;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Executor executor;
    private final Clock clock;

    public PipelineRunner(ObjectStore store, JsonMapper json, String codeVersion, int maxAttempts,
            Duration retryBackoff, Executor executor, Clock clock) {
        this.store = store;
        this.json = json;
        this.codeVersion = codeVersion;
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        this.executor = executor;
        this.clock = clock;
    }

    /** Records a new run and executes it in the background; the returned run is still RUNNING. */
    @Override
    public PipelineRun start(PipelineDefinition definition, Map<String, String> parameters) {
        PipelineRun run = created(definition, parameters);
        executor.execute(() -> executeOrFail(definition, run));
        return run;
    }

    /** Records a new run and executes it on the calling thread (used by the main job and the CLI). */
    public PipelineRun run(PipelineDefinition definition, Map<String, String> parameters) {
        return execute(definition, created(definition, parameters));
    }

    @Override
    public Optional<PipelineRun> find(String id) {
        return store.head(RUNS + id + ".json").map(o -> json.readValue(store.read(o.key()), PipelineRun.class));
    }

    /** All runs, newest first. */
    @Override
    public List<PipelineRun> runs() {
        return store.list(RUNS).stream().map(ObjectSummary::key)
                .map(key -> json.readValue(store.read(key), PipelineRun.class))
                .sorted(Comparator.comparing(PipelineRun::startedAt).reversed())
                .toList();
    }

    /**
     * Marks runs left RUNNING by a process that died as FAILED, so nobody waits for them. Their finished steps
     * stay cached: the next run resumes from there.
     */
    public int failInterruptedRuns() {
        int failed = 0;
        for (PipelineRun run : runs()) {
            if (run.state() == RunState.RUNNING) {
                save(failed(run, StepState.SKIPPED, "interrupted: the service stopped during the run"));
                failed++;
            }
        }
        return failed;
    }

    private PipelineRun created(PipelineDefinition definition, Map<String, String> parameters) {
        definition.check(parameters);
        String id = Instant.now(clock).toString().replaceAll("[-:.]", "").toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        List<PipelineRun.StepRun> steps = definition.steps().stream()
                .map(s -> new PipelineRun.StepRun(s.name(), StepState.PENDING, null, null, null, null, 0, Map.of(), List.of()))
                .toList();
        PipelineRun run = new PipelineRun(id, definition.name(), RunState.RUNNING, Instant.now(clock), null, 0,
                new TreeMap<>(parameters), steps, null);
        save(run);
        log.info("pipeline run {} of '{}' created with parameters {}", id, definition.name(), parameters);
        return run;
    }

    /**
     * As {@link #execute}, but a defect of the runner or of a step's output type (anything thrown outside a step's
     * own execution) ends the run FAILED with the reason, instead of leaving it RUNNING for whoever waits on it.
     */
    private void executeOrFail(PipelineDefinition definition, PipelineRun initial) {
        try {
            execute(definition, initial);
        } catch (RuntimeException e) {
            log.error("run {} of '{}' stopped by a defect", initial.id(), definition.name(), e);
            PipelineRun latest = find(initial.id()).orElse(initial);
            String during = latest.steps().stream().filter(s -> s.state() == StepState.RUNNING)
                    .map(s -> " in step " + s.name()).findFirst().orElse("");
            save(failed(latest, StepState.FAILED, "the pipeline runner failed" + during + ": " + oneLine(e)));
        }
    }

    /** {@code run} ended FAILED for {@code failure}: its running step {@code running}, its pending ones skipped. */
    private PipelineRun failed(PipelineRun run, StepState running, String failure) {
        List<PipelineRun.StepRun> steps = run.steps().stream()
                .map(s -> s.state() == StepState.RUNNING || s.state() == StepState.PENDING
                        ? new PipelineRun.StepRun(s.name(), s.state() == StepState.RUNNING ? running : StepState.SKIPPED,
                                s.cacheKey(), s.startedAt(), null, null, s.attempts(), Map.of(), s.log())
                        : s)
                .toList();
        return new PipelineRun(run.id(), run.pipeline(), RunState.FAILED, run.startedAt(), Instant.now(clock),
                run.percentDone(), run.parameters(), steps, failure);
    }

    private PipelineRun execute(PipelineDefinition definition, PipelineRun initial) {
        List<PipelineRun.StepRun> steps = new ArrayList<>(initial.steps());
        // each finished step's output as the run records it (what cache keys hash) and as its record
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        Map<String, Record> records = new LinkedHashMap<>();
        Map<String, String> parameters = initial.parameters();
        PipelineRun run = initial;
        for (int i = 0; i < definition.steps().size(); i++) {
            PipelineStep<?> step = definition.steps().get(i);
            String key = cacheKey(definition.name(), step, parameters, outputs);
            String cacheObject = CACHE + definition.name() + "/" + step.name() + "/" + key + ".json";
            Optional<Map<String, String>> cached = store.head(cacheObject)
                    .map(o -> readOutput(store.read(o.key())));
            Record cachedRecord = null;
            String unreadable = null;
            if (cached.isPresent()) {
                try {
                    cachedRecord = StepOutputs.fromText(cached.get(), step.outputType());
                } catch (RuntimeException e) {
                    // written by a step whose output had another shape (the code version did not tell them apart)
                    unreadable = "cached output (cache key " + key.substring(0, 12) + ") no longer reads as "
                            + step.outputType().getSimpleName() + " (" + oneLine(e) + "): computing it again";
                    log.warn("run {} step {}: {}", initial.id(), step.name(), unreadable);
                }
            }
            if (cachedRecord != null) {
                outputs.put(step.name(), cached.get());
                records.put(step.name(), cachedRecord);
                steps.set(i, new PipelineRun.StepRun(step.name(), StepState.CACHED, key, Instant.now(clock), Instant.now(clock),
                        0L, 0, cached.get(), List.of("inputs unchanged (cache key " + key.substring(0, 12) + "): output reused")));
                run = save(progress(run, steps, i + 1, definition));
                log.info("run {} step {} cached", run.id(), step.name());
                continue;
            }
            List<String> lines = new CopyOnWriteArrayList<>();
            StepLog stepLog = message -> {
                lines.add(Instant.now(clock) + " " + message);
                log.info("run {} step {}: {}", initial.id(), step.name(), message);
            };
            if (unreadable != null) {
                lines.add(Instant.now(clock) + " " + unreadable);
            }
            Instant started = Instant.now(clock);
            String failure = null;
            Record output = null;
            int attempt = 0;
            while (output == null && failure == null) {
                attempt++;
                steps.set(i, new PipelineRun.StepRun(step.name(), StepState.RUNNING, key, started, null, null, attempt,
                        Map.of(), lines));
                run = save(progress(run, steps, i, definition));
                try {
                    output = Objects.requireNonNull(step.execute(upstreamOf(step, records), parameters, stepLog),
                            () -> "step " + step.name() + " returned no output");
                } catch (StepFailedException e) {
                    failure = step.name() + ": " + e.getMessage();
                } catch (Exception e) {
                    stepLog.info("attempt " + attempt + " failed: " + e);
                    log.warn("run {} step {} attempt {} failed", initial.id(), step.name(), attempt, e);
                    if (attempt >= maxAttempts) {
                        failure = step.name() + " failed after " + attempt + " attempts: " + e.getMessage();
                    } else {
                        sleep(retryBackoff.multipliedBy(attempt));
                    }
                }
            }
            Instant finished = Instant.now(clock);
            long millis = Duration.between(started, finished).toMillis();
            if (failure != null) {
                steps.set(i, new PipelineRun.StepRun(step.name(), StepState.FAILED, key, started, finished, millis, attempt,
                        Map.of(), lines));
                for (int j = i + 1; j < steps.size(); j++) {
                    PipelineRun.StepRun skipped = steps.get(j);
                    steps.set(j, new PipelineRun.StepRun(skipped.name(), StepState.SKIPPED, null, null, null, null, 0,
                            Map.of(), List.of()));
                }
                run = save(new PipelineRun(run.id(), run.pipeline(), RunState.FAILED, run.startedAt(), finished,
                        percent(i + 1, definition), parameters, steps, failure));
                log.warn("run {} failed: {}", run.id(), failure);
                return run;
            }
            // the cache entry is written only after the step succeeded: a crash never caches half a result
            Map<String, String> text = StepOutputs.toText(output);
            store.put(cacheObject, json.writeValueAsBytes(text), "application/json");
            outputs.put(step.name(), text);
            records.put(step.name(), output);
            steps.set(i, new PipelineRun.StepRun(step.name(), StepState.SUCCEEDED, key, started, finished, millis,
                    attempt, text, lines));
            run = save(progress(run, steps, i + 1, definition));
            log.info("run {} step {} succeeded in {} ms", run.id(), step.name(), millis);
        }
        run = save(new PipelineRun(run.id(), run.pipeline(), RunState.SUCCEEDED, run.startedAt(), Instant.now(clock), 100,
                parameters, steps, null));
        log.info("run {} of '{}' succeeded: {}", run.id(), run.pipeline(),
                steps.stream().map(s -> s.name() + "=" + s.state()).toList());
        return run;
    }

    private String cacheKey(String pipeline, PipelineStep<?> step, Map<String, String> parameters,
            Map<String, Map<String, String>> outputs) {
        StringBuilder inputs = new StringBuilder()
                .append("pipeline=").append(pipeline).append('\n')
                .append("step=").append(step.name()).append('\n')
                .append("code=").append(codeVersion).append('\n')
                .append("fingerprint=").append(step.fingerprint(parameters)).append('\n');
        for (String dependency : step.dependsOn()) {
            inputs.append("upstream.").append(dependency).append('=')
                    .append(Sha256.hex(json.writeValueAsBytes(new TreeMap<>(outputs.get(dependency))))).append('\n');
        }
        return Sha256.hex(inputs.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StepInputs upstreamOf(PipelineStep<?> step, Map<String, Record> records) {
        return new StepInputs(step.name(), step.dependsOn().stream().map(records::get).toList());
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> readOutput(byte[] bytes) {
        return new TreeMap<>(json.readValue(bytes, Map.class));
    }

    private PipelineRun progress(PipelineRun run, List<PipelineRun.StepRun> steps, int done, PipelineDefinition definition) {
        return new PipelineRun(run.id(), run.pipeline(), RunState.RUNNING, run.startedAt(), null, percent(done, definition),
                run.parameters(), List.copyOf(steps), null);
    }

    private static int percent(int done, PipelineDefinition definition) {
        return (int) Math.round(100.0 * done / definition.steps().size());
    }

    private PipelineRun save(PipelineRun run) {
        store.put(RUNS + run.id() + ".json", json.writeValueAsBytes(run), "application/json");
        return run;
    }

    private static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
