package io.launchcast.ingestion.run;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.mapping.SourceSpec.FileSpec;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs and answers for them. Runs execute one at a time on one worker thread: two runs of a dataset
 * never publish concurrently, so the second sees the first's version and reuses it when the content is equal.
 */
public class IngestionService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

    private final MappingRepository mappings;
    private final ObjectStore store;
    private final RunRepository runs;
    private final IngestionJob job;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ingestion-worker");
        thread.setDaemon(true);
        return thread;
    });
    /** Inputs (mapping, keys and entity tags) of queued or running runs: a redelivered event starts nothing new. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public IngestionService(MappingRepository mappings, ObjectStore store, RunRepository runs, IngestionJob job,
            Clock clock) {
        this.mappings = mappings;
        this.store = store;
        this.runs = runs;
        this.job = job;
        this.clock = clock;
    }

    /**
     * Starts a run over the given objects or prefixes.
     *
     * @throws io.launchcast.ingestion.mapping.UnknownMappingException if the mapping is not known
     * @throws InvalidInputException if a URI is not of this store or names nothing
     * @throws IncompleteInputException if a required source gets no input
     */
    public IngestionRun submit(IngestionRequest request) {
        Mapping mapping = mappings.get(request.mapping());
        return start(mapping, resolve(mapping, objectsAt(store, request.urisOrEmpty())), "request").orElseThrow();
    }

    /**
     * The objects the URIs name: an object, or every object under a prefix (a URI ending in {@code /}).
     *
     * @throws InvalidInputException if a URI is not of the store or names nothing
     */
    public static List<ObjectSummary> objectsAt(ObjectStore store, List<String> uris) {
        List<ObjectSummary> objects = new ArrayList<>();
        for (String text : uris) {
            String key;
            try {
                key = store.keyOf(URI.create(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("'" + text + "' is not an s3:// URI of this store: " + e.getMessage());
            }
            List<ObjectSummary> found = key.isEmpty() || key.endsWith("/") ? store.list(key)
                    : store.head(key).map(List::of).orElse(List.of());
            if (found.isEmpty()) {
                throw new InvalidInputException("nothing is stored at " + text);
            }
            objects.addAll(found);
        }
        return objects;
    }

    /**
     * Starts a run for a landing object: every object of its folder is offered to the mapping named by the
     * folder ({@code landing/<mapping>/...}). Returns empty when required sources are still missing (a later
     * object will complete the drop) or when the same inputs are already queued.
     */
    public Optional<IngestionRun> submitLanding(String mappingName, String key) {
        Mapping mapping = mappings.get(mappingName);
        String folder = key.substring(0, key.lastIndexOf('/') + 1);
        List<RunInput> inputs;
        try {
            inputs = resolve(mapping, store.list(folder));
        } catch (IncompleteInputException e) {
            log.info("landing {}: waiting for more files ({})", key, e.getMessage());
            return Optional.empty();
        }
        if (inputs.stream().noneMatch(i -> key.equals(i.key()))) {
            log.info("landing {}: no source of mapping {} matches it", key, mappingName);
            return Optional.empty();
        }
        return start(mapping, inputs, "landing:" + key);
    }

    /** Matches objects to sources by file name; JDBC sources always take part. */
    List<RunInput> resolve(Mapping mapping, List<ObjectSummary> objects) {
        List<RunInput> inputs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<ObjectSummary> sorted = objects.stream().sorted(Comparator.comparing(ObjectSummary::key)).distinct().toList();
        for (SourceSpec source : mapping.sources()) {
            int before = inputs.size();
            if (source.jdbc() != null) {
                inputs.add(new RunInput(source.name(), null, "jdbc:" + source.jdbc().connection() + "/" + source.name(),
                        null, 0, null));
            }
            for (FileSpec file : source.files()) {
                for (ObjectSummary object : sorted) {
                    String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                    if (!name.isEmpty() && file.matches(name)) {
                        inputs.add(new RunInput(source.name(), object.key(), store.uri(object.key()).toString(),
                                file.split(), object.size(), object.eTag()));
                    }
                }
            }
            if (inputs.size() == before && source.required()) {
                missing.add(source.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IncompleteInputException(mapping.name(), missing);
        }
        return inputs;
    }

    private Optional<IngestionRun> start(Mapping mapping, List<RunInput> inputs, String trigger) {
        String fingerprint = mapping.name() + "@" + mapping.version() + inputs.stream()
                .map(i -> i.uri() + "#" + i.eTag()).toList();
        if (!pending.add(fingerprint)) {
            log.info("{}: the same inputs are already queued", trigger);
            return Optional.empty();
        }
        IngestionRun run = IngestionRun.queued(UUID.randomUUID().toString(), mapping.name(), mapping.version(),
                mapping.dataset(), trigger, inputs.stream().map(RunInput::uri).toList(),
                inputs.stream().mapToLong(RunInput::size).sum(), clock.instant());
        runs.save(run);
        worker.submit(() -> {
            try {
                job.execute(run, mapping, inputs);
            } finally {
                pending.remove(fingerprint);
            }
        });
        return Optional.of(run);
    }

    /**
     * Starts a new run over the inputs of a failed run (the objects as they are now, with the mapping as it is
     * now, so a retry after fixing a mapping takes the fix). Its trigger is {@code retry:<id>}.
     *
     * @throws UnknownRunException if no run has that id
     * @throws RunNotRetryableException if that run has not failed
     * @throws InvalidInputException if one of its objects is gone
     * @throws IncompleteInputException if the mapping now requires a source the run had no input for
     */
    public IngestionRun retry(String id) {
        IngestionRun earlier = get(id);
        if (earlier.state() != RunState.FAILED) {
            throw new RunNotRetryableException(id, earlier.state());
        }
        Optional<IngestionRun> retry = rerun(earlier, "retry:" + id);
        // the same inputs are queued already (e.g. an earlier retry): answer with that run rather than a second one
        return retry.orElseGet(() -> runs.all().stream()
                .filter(r -> !r.state().isFinal() && r.mapping().equals(earlier.mapping())
                        && r.inputs().equals(earlier.inputs()))
                .findFirst().orElseThrow(() -> new RunNotRetryableException(id, earlier.state(),
                        "a run over the same inputs was queued a moment ago; try again when it has ended")));
    }

    /**
     * Starts a new run for each run a restart cut off (see {@link RunRecovery}), since its input is still
     * there, and notes the new run in the old one's error. A run that was itself such a resumption is not
     * resumed again: an input that kills the service must not do so forever.
     */
    public List<IngestionRun> resume(List<IngestionRun> interrupted) {
        List<IngestionRun> resumed = new ArrayList<>();
        for (IngestionRun run : interrupted) {
            if (run.trigger().startsWith("resume:")) {
                note(run, " It was already a resumed run, so it is not resumed again: see its error, then retry it"
                        + " with POST /ingestions/" + run.id() + "/retry.");
                continue;
            }
            try {
                rerun(run, "resume:" + run.id()).ifPresent(next -> {
                    resumed.add(next);
                    note(run, " Resumed automatically as run " + next.id() + ".");
                    log.warn("run {} resumed as run {}", run.id(), next.id());
                });
            } catch (RuntimeException e) {
                log.warn("run {} cannot be resumed", run.id(), e);
                note(run, " It could not be resumed (" + e.getMessage() + "): retry it with POST /ingestions/"
                        + run.id() + "/retry once that is fixed.");
            }
        }
        return resumed;
    }

    private void note(IngestionRun run, String text) {
        runs.save(run.failed(run.error() + text, run.finishedAt()));
    }

    private Optional<IngestionRun> rerun(IngestionRun earlier, String trigger) {
        Mapping mapping = mappings.get(earlier.mapping());
        List<ObjectSummary> objects = new ArrayList<>();
        for (String uri : earlier.inputs()) {
            if (uri.startsWith("jdbc:")) {
                continue; // JDBC sources take part in every run of their mapping
            }
            String key = store.keyOf(URI.create(uri));
            objects.add(store.head(key).orElseThrow(() -> new InvalidInputException(uri + " is no longer stored")));
        }
        return start(mapping, resolve(mapping, objects), trigger);
    }

    /** @throws UnknownRunException if no run has that id */
    public IngestionRun get(String id) {
        return runs.find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    /** Runs a request to its end on the caller's thread (benchmarks and tools; the service uses {@link #submit}). */
    public IngestionRun runNow(IngestionRequest request) throws Exception {
        IngestionRun queued = submit(request);
        Future<?> barrier = worker.submit(() -> { });
        barrier.get();
        return get(queued.id());
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
