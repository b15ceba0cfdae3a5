package io.launchcast.ingestion.run;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.DuckDbCuratedEngine;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.ingestion.curated.TransformDefinition;
import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.source.JdbcRecordReader;
import io.launchcast.ingestion.source.PrefetchingReader;
import io.launchcast.ingestion.source.RecordReader;
import io.launchcast.ingestion.source.RecordReaders;
import io.launchcast.ingestion.source.SourceReadException;
import io.launchcast.ingestion.source.SourceRecord;
import io.launchcast.ingestion.validation.TextValues;
import io.launchcast.ingestion.validation.CanonicalRows;
import io.launchcast.ingestion.validation.Lookups;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import io.launchcast.ingestion.validation.CanonicalRows.SignalRow;
import io.launchcast.ingestion.validation.CanonicalRows.TransactionRow;
import io.launchcast.ingestion.validation.PlainSalesLane;
import io.launchcast.ingestion.validation.QuarantineWriter;
import io.launchcast.ingestion.validation.RowJudge;
import io.launchcast.ingestion.validation.RowMapper;
import io.launchcast.ingestion.validation.RunCounts;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ResumingObjectStream;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.schema.CanonicalSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes one run from start to finish: read every input row by row, map and judge each row, stage the
 * accepted ones, quarantine the others, then either fail (too many rejections) or transform, write Parquet,
 * write the manifest last, register the version in the catalog and announce it.
 */
public class IngestionJob {

    private static final Logger log = LoggerFactory.getLogger(IngestionJob.class);
    /** Dropped connections survived per input object before a read gives up. */
    private static final int MAX_REOPENS = 20;
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectStore store;
    private final RunRepository runs;
    private final DatasetRepository datasets;
    private final DatasetCatalog catalog;
    private final TransformJobs transformJobs;
    private final EventPublisher events;
    private final IngestionProperties properties;
    private final TransformDefinition transform = TransformDefinition.load();
    private final Clock clock;

    /** @param transformJobs the engine of the mappings whose transformation is delegated to a job (Glue) */
    public IngestionJob(ObjectStore store, RunRepository runs, DatasetRepository datasets, DatasetCatalog catalog,
            TransformJobs transformJobs, EventPublisher events, IngestionProperties properties, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.datasets = datasets;
        this.catalog = catalog;
        this.transformJobs = transformJobs;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs to the end; the returned record (also stored) is SUCCEEDED or FAILED, never in between. */
    IngestionRun execute(IngestionRun queued, Mapping mapping, List<RunInput> inputs) {
        IngestionRun run = queued.started(clock.instant());
        runs.save(run);
        Path workDir = properties.workDir().resolve(run.id());
        RunCounts counts = new RunCounts();
        String version = null;
        try {
            Files.createDirectories(workDir);
            try (DuckDbCuratedEngine engine = new DuckDbCuratedEngine(mapping, workDir,
                    properties.duckdb().memoryLimit(), properties.duckdb().effectiveThreads());
                    QuarantineWriter quarantine = new QuarantineWriter(workDir.resolve("quarantine.jsonl"))) {
                long phase = System.nanoTime();
                run = ingestRows(run, mapping, inputs, engine, quarantine, counts);
                log.info("run {}: rows read and staged in {} ms", run.id(), (System.nanoTime() - phase) / 1_000_000);
                quarantine.close();
                run = storeQuarantine(run, mapping, quarantine, counts);
                RunCounts.Snapshot totals = counts.snapshot();
                if (totals.rejectedShare() > mapping.rejectedShareThreshold()) {
                    return finish(run.failed(String.format("rejected %d of %d rows (%.2f%%), more than the mapping's"
                            + " threshold of %.2f%%: nothing was published. %s; every row with its reason in %s",
                            totals.rejected(), totals.read(), 100 * totals.rejectedShare(),
                            100 * mapping.rejectedShareThreshold(), mostRejected(quarantine), run.quarantine()),
                            clock.instant()));
                }
                if (totals.accepted() == 0) {
                    return finish(run.failed("no row was accepted: nothing to publish", clock.instant()));
                }
                phase = System.nanoTime();
                Optional<String> job = transformJobs.jobFor(mapping.name());
                DuckDbCuratedEngine.Transformed result;
                if (job.isPresent()) {
                    AtomicReference<IngestionRun> following = new AtomicReference<>(run);
                    try {
                        result = transformOnJob(job.get(), following, mapping, engine, workDir);
                    } finally {
                        run = following.get();
                    }
                } else {
                    result = engine.transform(transform);
                }
                log.info("run {}: transformed and hashed in {} ms", run.id(), (System.nanoTime() - phase) / 1_000_000);
                run = run.withRules(ruleEffects(totals, result));
                runs.save(run);
                long products = result.rows().getOrDefault("products", 0L);
                if (mapping.declaresProducts() && products == 0) {
                    // rows of other tables (signals, say) were accepted, but a version of a product mapping
                    // without products has nothing to learn from or forecast: every consumer would fail on it
                    return finish(run.failed("the input holds no product (" + result.rows() + " curated rows):"
                            + " nothing was published", clock.instant()));
                }
                var existing = datasets.findByContentHash(mapping.dataset(), result.contentHash());
                if (existing.isPresent()) {
                    log.info("run {}: content already published as {} {}", run.id(), mapping.dataset(),
                            existing.get().version());
                    return finish(run.succeeded(existing.get().version(), result.contentHash(), true,
                            List.of("identical content already published: version reused"), clock.instant()));
                }
                version = VERSION_TIME.format(clock.instant()) + "-" + result.contentHash().substring(0, 12);
                run = run.publishing(version, result.contentHash());
                runs.save(run);
                Path outDir = workDir.resolve("out");
                phase = System.nanoTime();
                List<Path> files = engine.writeParquet(outDir);
                log.info("run {}: Parquet written in {} ms", run.id(), (System.nanoTime() - phase) / 1_000_000);
                Manifest manifest = manifest(run, mapping, inputs, result, files, outDir, totals);
                datasets.publish(manifest, outDir, files);
                List<String> warnings = new ArrayList<>();
                try {
                    catalog.register(manifest);
                } catch (RuntimeException e) {
                    // the version is published and readable by manifest; the catalog can be re-synced later
                    log.warn("run {}: catalog registration failed", run.id(), e);
                    warnings.add("catalog registration failed: " + e.getMessage());
                }
                events.publish(new DatasetPublished(Events.newEventId(), clock.instant(), mapping.dataset(), version,
                        Manifest.key(mapping.dataset(), version), result.contentHash()));
                return finish(run.succeeded(version, result.contentHash(), false, warnings, clock.instant()));
            }
        } catch (RuntimeException | IOException | Error e) {
            log.error("run {} failed", run.id(), e);
            if (version != null) {
                datasets.deleteUnpublished(mapping.dataset(), version);
            }
            return finish(run.failed(describe(e), clock.instant()));
        } finally {
            deleteQuietly(workDir);
        }
    }

    private IngestionRun ingestRows(IngestionRun run, Mapping mapping, List<RunInput> inputs, DuckDbCuratedEngine engine,
            QuarantineWriter quarantine, RunCounts counts) {
        RowJudge judge = new RowJudge(mapping.declaresProducts(), mapping.sources().stream()
                .filter(s -> s.products() != null && s.products().keepsFirst()).map(SourceSpec::name)
                .collect(java.util.stream.Collectors.toSet()));
        Lookups lookups = new Lookups();
        long bytesDone = 0;
        long nextProgress = System.nanoTime() + properties.progressInterval().toNanos();
        long rowsSeen = 0;
        // lookup tables first: the other sources' fields read them
        List<RunInput> ordered = new ArrayList<>(inputs);
        ordered.sort(Comparator.comparing(i -> mapping.source(i.source()).lookup() == null));
        for (RunInput input : ordered) {
            SourceSpec source = mapping.source(input.source());
            RecordReader reader = open(input, source);
            if (source.lookup() != null) {
                try {
                    run = readLookup(run, mapping, input, source, reader, lookups, quarantine, counts);
                } finally {
                    reader.close();
                }
                bytesDone += input.size();
                continue;
            }
            RowMapper mapper;
            try {
                mapper = new RowMapper(mapping, source, reader.columns(), input.split(), lookups);
                // a misspelt optional column would be missing from every file: the run's rules say so
                reader.project(mapper.columns(), mapper.optionalColumns()).forEach(counts::countFileWithout);
                // plain rows of a long sales source go from bytes to staging on the reading thread
                PlainSalesLane lane = mapper.plainSalesLane(judge, engine.laneStage());
                if (lane != null) {
                    reader.divert(lane);
                }
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
            String fileName = input.fileName();
            // mapping needs no memory of earlier rows and runs on the reading thread; judging (which does),
            // counting, quarantine and staging run on this one: the split that best balances the two on the bench.
            // A lane's rows never reach this thread: they come as tallies of rows accepted and staged.
            List<String> columns = mapper.columns();
            int maxFieldChars = properties.maxFieldChars();
            try (PrefetchingReader<MappedRow> rows = new PrefetchingReader<>(reader, record -> {
                if (record.isMalformed() || record.isTaken()) {
                    return new MappedRow(record, null, null);
                }
                String unfit = TextValues.unfit(record.values(), columns, maxFieldChars);
                return unfit != null ? new MappedRow(record, CanonicalRows.Mapped.rejected(unfit), null)
                        : new MappedRow(record, mapper.map(record), mapper.key(record));
            })) {
                MappedRow row;
                while ((row = rows.next()) != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("interrupted: the service is shutting down");
                    }
                    SourceRecord record = row.record();
                    boolean readClock;
                    if (record.isTaken()) {
                        // thousands of rows the lane accepted and staged
                        counts.countAccepted(record.line());
                        readClock = true;
                    } else {
                        RowJudge.Judgement judgement = record.isMalformed()
                                ? new RowJudge.Judgement(RowJudge.Verdict.REJECTED, record.malformed())
                                : judge.judge(row.rows(), source.name(), row.key(), record.values(), fileName,
                                        record.line());
                        counts.count(source.name(), judgement.verdict(), judgement.reason());
                        switch (judgement.verdict()) {
                            case ACCEPTED -> stage(engine, row.rows(), judgement.productKnown());
                            case EXCLUDED -> { } // counted by rule; a declared rule, not a problem of the data
                            case REJECTED -> quarantine.write(input.uri(), record.line(), record.raw(), "rejected",
                                    judgement.reason());
                            case DUPLICATE -> quarantine.write(input.uri(), record.line(), record.raw(), "duplicate",
                                    judgement.reason());
                        }
                        // the clock is read every 1,024 rows, not per row: at 25 ns a read it cost 3% of this thread
                        readClock = (++rowsSeen & 1023) == 0;
                    }
                    if (readClock && System.nanoTime() > nextProgress) {
                        run = progress(run, bytesDone + rows.bytesRead(), counts);
                        runs.save(run);
                        nextProgress = System.nanoTime() + properties.progressInterval().toNanos();
                    }
                }
                bytesDone += input.size();
            }
        }
        return progress(run, bytesDone, counts);
    }

    /**
     * Reads a lookup source into {@code lookups}: each row is counted (accepted, or a duplicate of an identical
     * row with the same key, or rejected when the key was given other values or is empty).
     */
    private IngestionRun readLookup(IngestionRun run, Mapping mapping, RunInput input, SourceSpec source,
            RecordReader reader, Lookups lookups, QuarantineWriter quarantine, RunCounts counts) {
        RowMapper mapper = new RowMapper(mapping, source, reader.columns(), input.split(), lookups);
        reader.project(mapper.columns());
        SourceRecord record;
        while ((record = reader.next()) != null) {
            String reason = record.isMalformed() ? record.malformed()
                    : TextValues.unfit(record.values(), mapper.columns(), properties.maxFieldChars());
            String key = reason == null ? mapper.lookupKey(record) : null;
            if (reason == null && key == null) {
                reason = "lookup key " + String.join(", ", source.lookup().key()) + " is empty";
            }
            RowJudge.Verdict verdict = RowJudge.Verdict.ACCEPTED;
            if (reason == null) {
                switch (lookups.add(source.name(), key, mapper.columns(), record.values())) {
                    case DUPLICATE -> verdict = RowJudge.Verdict.DUPLICATE;
                    case CONFLICT -> {
                        if (source.lookup().keepsFirst()) {
                            verdict = RowJudge.Verdict.DUPLICATE;
                        } else {
                            verdict = RowJudge.Verdict.REJECTED;
                            reason = "key " + key + " was already given other values (repeated: first keeps the"
                                    + " first row)";
                        }
                    }
                    default -> { }
                }
            } else {
                verdict = RowJudge.Verdict.REJECTED;
            }
            counts.count(source.name(), verdict);
            if (verdict != RowJudge.Verdict.ACCEPTED) {
                quarantine.write(input.uri(), record.line(), record.raw(),
                        verdict == RowJudge.Verdict.DUPLICATE ? "duplicate" : "rejected",
                        verdict == RowJudge.Verdict.DUPLICATE ? "duplicate key " + key : reason);
            }
        }
        return run;
    }

    /** A source row with what the mapper made of it and its key (nothing for a malformed row). */
    private record MappedRow(SourceRecord record, CanonicalRows.Mapped rows, String key) {
    }

    /** @param productKnown whether the row's product was staged before, by its row of another region */
    private static void stage(DuckDbCuratedEngine engine, CanonicalRows.Mapped mapped, boolean productKnown) {
        if (mapped.product() != null && productKnown) {
            engine.appendAnotherRegion(mapped.product());
        } else if (mapped.product() != null) {
            engine.append(mapped.product());
        }
        for (SalesRow sale : mapped.sales()) {
            engine.append(sale);
        }
        for (SignalRow signal : mapped.signals()) {
            engine.append(signal);
        }
        for (TransactionRow transaction : mapped.transactions()) {
            engine.append(transaction);
        }
    }

    /**
     * The set work on a job elsewhere (docs/adr/0020): the staged rows go to the object store as Parquet, the
     * job runs the same definition over them and writes the curated tables back, which this engine then takes
     * in place of its own transformation; hashing, layout and publication stay here. The job's state is
     * written to the run record at every poll.
     */
    private DuckDbCuratedEngine.Transformed transformOnJob(String job, AtomicReference<IngestionRun> run,
            Mapping mapping, DuckDbCuratedEngine engine, Path workDir) throws IOException {
        String prefix = jobScratch(run.get().id());
        try {
            Path staging = workDir.resolve("job-staging");
            for (Path file : engine.exportStaging(staging)) {
                store.put(prefix + "staging/" + file.toString().replace('\\', '/'), staging.resolve(file),
                        "application/vnd.apache.parquet");
            }
            TransformJobs.Request request = new TransformJobs.Request(job, run.get().id(), mappingJson(mapping),
                    store.uri(prefix + "staging/").toString(), store.uri(prefix + "output/").toString(),
                    transform.text());
            TransformJobs.Outcome outcome = transformJobs.run(request, status -> {
                run.set(run.get().transforming(new IngestionRun.TransformJob(status.job(), status.jobRunId(),
                        status.state(), seconds(status.elapsed()))));
                runs.save(run.get());
            });
            run.set(run.get().transforming(new IngestionRun.TransformJob(job, outcome.jobRunId(), outcome.state(),
                    seconds(outcome.took()))));
            runs.save(run.get());
            if (!outcome.succeeded()) {
                throw new TransformJobFailedException(job, outcome);
            }
            Path output = workDir.resolve("job-output");
            for (ObjectSummary object : store.list(prefix + "output/")) {
                Path target = output.resolve(object.key().substring((prefix + "output/").length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = store.open(object.key())) {
                    Files.copy(in, target);
                }
            }
            return engine.adopt(output, transform);
        } finally {
            // staging and job output are scratch: the published version is written by this service
            try {
                store.list(prefix).forEach(o -> store.delete(o.key()));
            } catch (RuntimeException e) {
                log.warn("run {}: cannot remove the job's scratch under {}", run.get().id(), prefix, e);
            }
        }
    }

    /**
     * Where a run's transformation job finds its staged rows and writes its output: scratch, removed when the
     * run is done with it, and at start-up for a run a stop cut off ({@link RunRecovery}).
     */
    static String jobScratch(String runId) {
        return "ingestion/jobs/" + runId + "/";
    }

    /** The mapping as the job receives it: what identifies it and what shapes the curated tables. */
    private static String mappingJson(Mapping mapping) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", mapping.name());
        json.put("version", mapping.version());
        json.put("sha256", mapping.sha256());
        json.put("dataset", mapping.dataset());
        json.put("period", mapping.period().id());
        json.put("periodAnchor", mapping.periodAnchor());
        Map<String, String> attributes = new LinkedHashMap<>();
        mapping.attributes().values().forEach(a -> attributes.put(CanonicalSchemas.ATTRIBUTE_PREFIX + a.name(),
                a.type().name()));
        json.put("attributes", attributes);
        return JSON.writeValueAsString(json);
    }

    /** Every rule's effect: the rows each exclusion rule left out, then what the rules over products did. */
    private static Map<String, Long> ruleEffects(RunCounts.Snapshot totals, DuckDbCuratedEngine.Transformed result) {
        Map<String, Long> effects = new LinkedHashMap<>();
        totals.excludedByRule().forEach((rule, rows) -> effects.put("exclude " + rule + ": rows", rows));
        totals.filesWithout().forEach((column, files) -> effects.put("optional column " + column
                + ": files without it (their rows have no value)", files));
        effects.putAll(result.rules());
        return effects;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private IngestionRun progress(IngestionRun run, long bytes, RunCounts counts) {
        RunCounts.Snapshot s = counts.snapshot();
        return run.progress(bytes, new IngestionRun.Rows(s.read(), s.accepted(), s.rejected(), s.duplicates(),
                s.excluded(), s.excludedByRule()),
                s.rejectedBySource(), clock.instant());
    }

    private RecordReader open(RunInput input, SourceSpec source) {
        if (input.isJdbc()) {
            var connection = properties.connections().get(source.jdbc().connection());
            if (connection == null) {
                throw new InvalidInputException("no JDBC connection named " + source.jdbc().connection());
            }
            try {
                return new JdbcRecordReader(input.uri(), DriverManager.getConnection(connection.url(),
                        connection.username(), connection.password()), source.jdbc().sql(), properties.jdbcFetchSize());
            } catch (SQLException e) {
                throw new SourceReadException("cannot connect to " + source.jdbc().connection() + ": " + e.getMessage(), e);
            }
        }
        // a large input is read over minutes while rows are validated and staged: a dropped connection resumes
        // at the byte where it stopped instead of failing the run
        return RecordReaders.open(input.fileName(),
                new ResumingObjectStream(store, input.key(), input.size(), MAX_REOPENS), source.format());
    }

    /** The reasons most rows were rejected for, each with its first row: what to fix first. */
    static String mostRejected(QuarantineWriter quarantine) {
        return "Most rejected: " + quarantine.mostFrequent(3).stream().map(r -> r.rows()
                + (r.rows() == 1 ? " row, " : " rows, ") + r.reason() + " (first "
                + r.firstFile().substring(r.firstFile().lastIndexOf('/') + 1) + " line " + r.firstLine() + ": "
                + r.firstReason() + ")").collect(java.util.stream.Collectors.joining("; "));
    }

    private IngestionRun storeQuarantine(IngestionRun run, Mapping mapping, QuarantineWriter quarantine,
            RunCounts counts) {
        String prefix = "quarantine/" + mapping.dataset() + "/" + run.id() + "/";
        RunCounts.Snapshot totals = counts.snapshot();
        if (quarantine.rows() > 0) {
            store.put(prefix + "rows.jsonl", quarantine.file(), "application/x-ndjson");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", run.id());
        summary.put("dataset", mapping.dataset());
        summary.put("mapping", mapping.name() + " v" + mapping.version());
        summary.put("read", totals.read());
        summary.put("accepted", totals.accepted());
        summary.put("rejected", totals.rejected());
        summary.put("duplicates", totals.duplicates());
        summary.put("excluded", totals.excluded());
        summary.put("excludedByRule", totals.excludedByRule());
        summary.put("reconciles", totals.reconciles());
        summary.put("rejectedBySource", totals.rejectedBySource());
        summary.put("quarantinedByReason", quarantine.mostFrequent(QuarantineWriter.MAX_REASON_KINDS + 1));
        store.put(prefix + "summary.json", JSON.writeValueAsBytes(summary), "application/json");
        return quarantine.rows() > 0 ? run.quarantinedAt(store.uri(prefix).toString()) : run;
    }

    private Manifest manifest(IngestionRun run, Mapping mapping, List<RunInput> inputs,
            DuckDbCuratedEngine.Transformed result, List<Path> files, Path outDir, RunCounts.Snapshot totals)
            throws IOException {
        String prefix = Manifest.prefix(mapping.dataset(), run.datasetVersion());
        Map<String, Manifest.TableRef> tables = new LinkedHashMap<>();
        for (String table : DuckDbCuratedEngine.TABLES) {
            List<String> partitionKeys = DuckDbCuratedEngine.PARTITIONS.get(table);
            List<Manifest.FileRef> refs = new ArrayList<>();
            for (Path file : files) {
                if (!file.getName(0).toString().equals(table)) {
                    continue;
                }
                Map<String, String> partition = new LinkedHashMap<>();
                for (int i = 1; i < file.getNameCount() - 1; i++) {
                    String[] kv = file.getName(i).toString().split("=", 2);
                    if (kv.length == 2) {
                        partition.put(kv[0], Manifest.FileRef.partitionValue(kv[1]));
                    }
                }
                refs.add(new Manifest.FileRef(prefix + file.toString().replace('\\', '/'),
                        Files.size(outDir.resolve(file)), partition));
            }
            List<Manifest.ColumnRef> columns = result.columns().get(table).stream()
                    .filter(c -> !partitionKeys.contains(c.name())).toList();
            tables.put(table, new Manifest.TableRef(result.rows().get(table), columns, partitionKeys, refs));
        }
        List<Manifest.SourceRef> sources = inputs.stream()
                .map(i -> new Manifest.SourceRef(i.source(), i.uri(), i.size(), i.eTag())).toList();
        List<Manifest.AttributeRef> attributes = mapping.attributes().values().stream()
                .map(a -> new Manifest.AttributeRef(a.name(), CanonicalSchemas.ATTRIBUTE_PREFIX + a.name(),
                        a.declaredType(), mapping.launchAttributes().footprint(a.name())
                                ? Manifest.AttributeRef.FOOTPRINT : null)).toList();
        return new Manifest(mapping.dataset(), run.datasetVersion(), run.contentHash(), CanonicalSchemas.VERSION,
                clock.instant(), run.id(), new Manifest.MappingRef(mapping.name(), mapping.version(), mapping.sha256()),
                sources, mapping.period().id(), mapping.periodAnchor(), attributes, tables,
                new Manifest.RowCounts(totals.read(), totals.accepted(), totals.rejected(), totals.duplicates(),
                        totals.excluded(), totals.excludedByRule()),
                run.quarantine(), mapping.period().firstDay() == null ? null : mapping.period().firstDay().name(),
                run.rules());
    }

    private IngestionRun finish(IngestionRun run) {
        runs.save(run);
        log.info("run {} {}: {} {}", run.id(), run.state(), run.rows(), run.error() == null ? "" : run.error());
        return run;
    }

    /**
     * What went wrong, for the run's summary: what is wrong with the input, in words a user acts on, not the
     * name of an exception. A defect of the service itself (anything not about the input) says so and points
     * to the log.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = e instanceof java.io.UncheckedIOException || e instanceof SourceReadException
                ? firstNonBlank(e.getMessage(), "cannot read the input") + ": " : "";
        if (root instanceof java.io.EOFException || root instanceof java.util.zip.ZipException) {
            return where + "the compressed data ends early or is corrupt (truncated upload?)";
        }
        if (root instanceof java.nio.charset.CharacterCodingException) {
            return where + "the bytes are not text in the declared encoding";
        }
        if (root instanceof java.io.IOException) {
            return where + firstNonBlank(root.getMessage(), "the input could not be read");
        }
        if (e instanceof RuntimeException && e.getClass().getName().startsWith("io.launchcast.")) {
            return firstNonBlank(e.getMessage(), "the run failed");
        }
        return "internal error (" + e.getClass().getSimpleName() + "); the service log has the details";
    }

    private static String firstNonBlank(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot remove {}", dir, e);
        }
    }
}
