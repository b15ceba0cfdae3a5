package io.launchcast.monitor.quality;

import io.launchcast.features.dataset.Product;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.AlarmDefinition;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.QualityConstraints;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.alarms.AlarmRule;
import io.launchcast.monitor.alarms.LocalAlarms;
import io.launchcast.monitor.capture.CapturedForecast;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.quality.EvaluationStore.Dimension;
import io.launchcast.platform.models.ModelVersionId;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joins captured forecasts with actuals and keeps the evaluated forecast periods of each model group in an
 * {@link EvaluationStore}: batches of changed evaluations in the object store ({@code <prefix>/<group>/batches/}),
 * written before they are applied to a database on local disk that every figure is aggregated from, so the
 * figures survive a restart and a million products' evaluations never sit in the heap. A published dataset
 * version leaves a record under {@code datasets/} (a redelivered event finds it and does nothing) and its
 * unmatched sales under {@code quarantine/}.
 *
 * <p>Which forecast an actual evaluates: the latest captured forecast of each model version for the product and
 * region (a planner re-forecasting a product replaces the earlier answer), or the named inference's.
 */
@Service
public class ForecastQuality {

    private static final Logger log = LoggerFactory.getLogger(ForecastQuality.class);
    private static final String NO_COHORT = EvaluationStore.NO_COHORT;

    /** A batch of evaluations in the JSON format of earlier releases; the store still reads it. */
    record Batch(String source, Instant receivedAt, List<EvaluatedForecast> evaluations) {
    }

    /** What joining one dataset version did; sales rows = joined + quarantined + not forecast. */
    public record DatasetJoin(String group, String dataset, String version, long salesRows, long joinedRows,
            long quarantinedRows, long notForecastRows, int evaluated, int changed, Instant joinedAt) {
    }

    /** A sales row no captured forecast could take, and why. */
    public record QuarantinedRow(String productId, String region, LocalDate periodStart, long units, String reason) {
    }

    private final MonitorProperties monitor;
    private final QualityProperties properties;
    private final BaselineReader baselines;
    private final CapturedForecasts captures;
    private final ObjectStore store;
    private final JsonMapper json;
    private final LocalAlarms alarms;
    private final AlarmRule rule;
    private final QualityMeters meters;
    private final Clock clock;
    private final Path datasetCache;
    private final Path joinDir;
    private final Path evaluationsDir;
    private final Map<String, EvaluationStore> evaluations = new ConcurrentHashMap<>();
    /** Reports by group, model version and cohort, with the store's generation they were read at. */
    private final Map<List<String>, CachedReport> reports = new ConcurrentHashMap<>();

    private record CachedReport(long generation, ForecastQualityReport report) {
    }

    /** Reports kept at most; a report of a million evaluations takes half a minute, one kept costs a few KB. */
    private static final int CACHED_REPORTS = 256;

    ForecastQuality(MonitorProperties monitor, QualityProperties properties, BaselineReader baselines,
            CapturedForecasts captures,
            ObjectStore store, JsonMapper json, LocalAlarms alarms, AlarmProperties alarmProperties,
            QualityMeters meters, Clock clock, @Value("${launchcast.data-dir}") Path dataDir) {
        this.monitor = monitor;
        this.properties = properties;
        this.baselines = baselines;
        this.captures = captures;
        this.store = store;
        this.json = json;
        this.alarms = alarms;
        this.rule = alarmProperties.quality();
        this.meters = meters;
        this.clock = clock;
        this.datasetCache = dataDir.resolve("monitor-service").resolve("datasets");
        this.joinDir = dataDir.resolve("monitor-service").resolve("quality-join");
        this.evaluationsDir = dataDir.resolve("monitor-service").resolve("quality");
    }

    /** Restores every group's evaluations, gauges and alarms at start-up. */
    @EventListener(ApplicationReadyEvent.class)
    public void restore() {
        for (MonitorProperties.Model model : monitor.models()) {
            try {
                synchronized (this) {
                    if (evaluations(model.group()).count() > 0) {
                        changed(model.group(), "restored from the object store", true);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("forecast quality of {} not restored yet (read on first use): {}", model.group(), e.getMessage());
            }
        }
    }

    /** The monitored groups, in configuration order. */
    public List<String> groups() {
        return monitor.models().stream().map(MonitorProperties.Model::group).toList();
    }

    private MonitorProperties.Model model(String group) {
        return monitor.models().stream().filter(m -> m.group().equals(group)).findFirst()
                .orElseThrow(() -> new UnknownGroupException(group));
    }

    private String prefix(String group) {
        return properties.prefix() + "/" + group + "/";
    }

    /** The group's evaluations, brought up to the object store's batches on first use (under this lock). */
    private EvaluationStore evaluations(String group) {
        EvaluationStore held = evaluations.get(group);
        if (held != null) {
            return held;
        }
        synchronized (this) {
            return evaluations.containsKey(group) ? evaluations.get(group) : load(group);
        }
    }

    private EvaluationStore load(String group) {
        Path directory = evaluationsDir.resolve(group).normalize();
        if (!directory.getParent().equals(evaluationsDir.normalize())) {
            throw new IllegalArgumentException("model group " + group + " is not a directory name");
        }
        EvaluationStore loaded = new EvaluationStore(store, json, prefix(group) + "batches/", directory,
                properties.storeMemoryLimit().toMegabytes(), properties.timeBucket());
        log.info("forecast quality of {}: {} evaluated periods", group, loaded.catchUp());
        evaluations.put(group, loaded);
        return loaded;
    }

    // ---------------------------------------------------------------- actuals from published datasets

    /**
     * Joins the sales of a published curated dataset version with the captured forecasts of every monitored model;
     * a version already joined (a redelivered event) changes nothing.
     */
    public synchronized List<DatasetJoin> joinDataset(String dataset, String version) {
        if (!properties.datasets().isEmpty() && !properties.datasets().contains(dataset)) {
            return List.of();
        }
        List<DatasetJoin> joins = new ArrayList<>();
        Path local = null;
        try {
            for (MonitorProperties.Model model : monitor.models()) {
                String marker = prefix(model.group()) + "datasets/" + dataset + "/v=" + version + ".json";
                if (store.head(marker).isPresent()) {
                    log.info("actuals of {} {} already joined with {}'s forecasts", dataset, version, model.group());
                    joins.add(json.readValue(store.read(marker), DatasetJoin.class));
                    continue;
                }
                if (local == null) {
                    local = datasetCache.resolve(dataset).resolve("v=" + version);
                    ObjectStoreMirror.mirror(store, "curated/" + dataset + "/v=" + version + "/", local);
                }
                DatasetJoin join = join(model, local, dataset, version);
                store.put(marker, json.writeValueAsBytes(join), "application/json");
                joins.add(join);
            }
        } finally {
            if (local != null) {
                SalesJoin.delete(local); // the sales are needed once: the evaluations are what is kept
            }
        }
        return joins;
    }

    /** Joins the version mirrored at {@code local} with the model's captured forecasts; stores what it found. */
    private DatasetJoin join(MonitorProperties.Model model, Path local, String dataset, String version) {
        SalesJoin.Result result;
        EvaluationStore.Applied applied;
        Path scratch = scratch();
        // the evaluations and the unmatched rows go to disk as the join finds them
        try (EvaluationStore.Staging staging = evaluations(model.group()).stage();
                UnmatchedSales unmatched = new UnmatchedSales(scratch, properties.storeMemoryLimit().toMegabytes())) {
            result = new SalesJoin(captures, cohortAttributes(model.group()), joinDir, properties.joinPartitionForecasts())
                    .join(model.endpoint(), local, staging, unmatched);
            if (result.quarantinedRows() > 0) {
                unmatched.publish(store, prefix(model.group()) + "quarantine/" + dataset + "/v=" + version + ".jsonl",
                        dataset, version);
                log.warn("{} sales rows of {} {} match no captured forecast of {} (quarantined)",
                        result.quarantinedRows(), dataset, version, model.group());
            }
            applied = apply(model.group(), "dataset " + dataset + " " + version, staging);
        } finally {
            SalesJoin.delete(scratch);
        }
        DatasetJoin join = new DatasetJoin(model.group(), dataset, version, result.salesRows(), result.joinedRows(),
                result.quarantinedRows(), result.notForecastRows(), Math.toIntExact(result.evaluated()),
                Math.toIntExact(applied.changed()), Instant.now(clock));
        log.info("actuals of {} {} joined with {}'s forecasts: {}", dataset, version, model.group(), join);
        return join;
    }

    private Path scratch() {
        try {
            Files.createDirectories(joinDir);
            return Files.createTempDirectory(joinDir, "unmatched-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory under " + joinDir, e);
        }
    }

    private static EvaluatedForecast evaluation(CapturedForecast f, CapturedForecast.Period p, double units,
            Function<String, String> cohortAttributes) {
        return SalesJoin.evaluation(f, p, units, null, cohortAttributes.apply(f.modelVersion()));
    }

    /**
     * The attribute whose values are a model version's cohorts: the configured one, else the version's own (what
     * its training configuration breaks cohorts by: the {@code forecast_quality.cohort_attribute} of its
     * {@code constraints.json}), else none. Each version's is read once per use of the answer (a join, a request).
     */
    private Function<String, String> cohortAttributes(String group) {
        String configured = properties.cohortAttribute();
        if (configured != null && !configured.isBlank()) {
            return version -> configured;
        }
        Map<String, Optional<String>> known = new ConcurrentHashMap<>();
        return version -> known.computeIfAbsent(String.valueOf(version), v -> ownConstraints(group, version)
                .map(QualityConstraints::cohortAttribute)).orElse(null);
    }

    // ---------------------------------------------------------------- actuals sent by callers

    /**
     * Evaluates the forecasts the rows name. Refuses the whole request when a row names no captured forecast;
     * the same actuals twice change nothing.
     */
    public synchronized ActualsReceipt record(ActualsRequest request) {
        String group = request.group() != null ? request.group() : groups().stream().findFirst()
                .orElseThrow(() -> new UnknownGroupException("(none configured)"));
        MonitorProperties.Model model = model(group);
        Set<String> productIds = new HashSet<>();
        Set<String> inferenceIds = new HashSet<>();
        request.actuals().forEach(r -> {
            if (r.inferenceId() != null) {
                inferenceIds.add(r.inferenceId());
            } else {
                productIds.add(r.productId());
            }
        });
        Function<String, String> cohortAttributes = cohortAttributes(group);
        List<CapturedForecast> captured = captures.read(model.endpoint(),
                f -> inferenceIds.contains(f.inferenceId()) || productIds.contains(f.productId()));
        Map<String, List<CapturedForecast>> byInference = captured.stream()
                .collect(Collectors.groupingBy(CapturedForecast::inferenceId));
        Map<String, List<CapturedForecast>> byProduct = SalesJoin.ofRecord(captured.stream()
                .filter(f -> productIds.contains(f.productId())).toList()).stream()
                .collect(Collectors.groupingBy(CapturedForecast::productId));
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        List<UnmatchedActualsException.Unmatched> unmatched = new ArrayList<>();
        for (int i = 0; i < request.actuals().size(); i++) {
            ActualsRequest.Row row = request.actuals().get(i);
            List<CapturedForecast> candidates;
            if (row.inferenceId() != null) {
                candidates = byInference.getOrDefault(row.inferenceId(), List.of()).stream()
                        .filter(f -> row.productId() == null || f.productId().equals(row.productId()))
                        .filter(f -> row.region() == null || row.region().equals(f.region())).toList();
                if (candidates.isEmpty()) {
                    unmatched.add(new UnmatchedActualsException.Unmatched(i, "no captured inference " + row.inferenceId()
                            + (row.productId() == null ? "" : " forecasting product " + row.productId())));
                    continue;
                }
                if (candidates.stream().map(f -> f.productId() + "/" + f.region()).distinct().count() > 1) {
                    unmatched.add(new UnmatchedActualsException.Unmatched(i, "inference " + row.inferenceId()
                            + " forecast several products or regions: name productId and region"));
                    continue;
                }
            } else {
                candidates = regionMatch(byProduct.getOrDefault(row.productId(), List.of()), row.region());
                if (candidates.isEmpty()) {
                    unmatched.add(new UnmatchedActualsException.Unmatched(i, "no captured forecast of product "
                            + row.productId() + (row.region() == null ? "" : " for region " + row.region())));
                    continue;
                }
            }
            int before = evaluations.size();
            for (CapturedForecast f : candidates) {
                f.periods().stream().filter(p -> row.period() != null ? p.period() == row.period()
                        : p.periodStart().equals(row.periodStart())).findFirst()
                        .ifPresent(p -> evaluations.add(evaluation(f, p, row.units(), cohortAttributes)));
            }
            if (evaluations.size() == before) {
                unmatched.add(new UnmatchedActualsException.Unmatched(i, "the forecast of product "
                        + candidates.get(0).productId() + " has no period "
                        + (row.period() != null ? String.valueOf(row.period()) : "starting " + row.periodStart())));
            }
        }
        if (!unmatched.isEmpty()) {
            throw new UnmatchedActualsException(unmatched);
        }
        EvaluationStore.Applied applied;
        try (EvaluationStore.Staging staging = evaluations(group).stage()) {
            evaluations.forEach(staging);
            applied = apply(group, "actuals sent to /actuals", staging);
        }
        return new ActualsReceipt(group, request.actuals().size(), evaluations.size(), Math.toIntExact(applied.changed()),
                applied.key());
    }

    /** An actual for a region takes that region's forecasts, else the product's forecasts without region. */
    private static List<CapturedForecast> regionMatch(List<CapturedForecast> forecasts, String region) {
        List<CapturedForecast> exact = forecasts.stream().filter(f -> Objects.equals(f.region(), region)).toList();
        if (!exact.isEmpty() || region == null) {
            return exact;
        }
        return forecasts.stream().filter(f -> f.region() == null).toList();
    }

    /** Keeps the staged evaluations that are new or differ from those held: written to the store first, then applied. */
    private EvaluationStore.Applied apply(String group, String source, EvaluationStore.Staging staging) {
        EvaluationStore.Applied applied = staging.apply(Instant.now(clock));
        if (applied.changed() > 0) {
            changed(group, source, false);
        }
        return applied;
    }

    /**
     * After a change: gauges and one datapoint per quality alarm. At start-up ({@code restoring}) an alarm that kept
     * its datapoints in its journal gets none: the restart is not a period, and counting it would move an
     * M-out-of-N window.
     */
    private void changed(String group, String source, boolean restoring) {
        EvaluationStore held = evaluations(group);
        Map<String, Map<String, QualityFigures>> gauges = new TreeMap<>();
        for (EvaluationStore.Grouped g : totals(held, EvaluationStore.Filter.ALL, EnumSet.of(Dimension.MODEL_VERSION),
                EnumSet.of(Dimension.MODEL_VERSION, Dimension.COHORT))) {
            String cohort = g.dimensions().contains(Dimension.COHORT) ? g.values().get(Dimension.COHORT) : QualityMeters.ALL;
            gauges.computeIfAbsent(String.valueOf(g.values().get(Dimension.MODEL_VERSION)), v -> new TreeMap<>())
                    .put(cohort, QualityFigures.of(g.totals()));
        }
        meters.update(group, gauges);
        Map<String, LocalDate> latest = held.latestPeriodStarts();
        String newest = latest.keySet().stream().filter(Objects::nonNull).max(ForecastQuality::compareVersions)
                .orElse(null);
        QualityProperties.Alarms limits = limits(group, newest);
        LocalDate last = latest.getOrDefault(newest, LocalDate.EPOCH);
        LocalDate first = last.minusDays(limits.window().toDays());
        QualityFigures figures = overall(totals(held, EvaluationStore.Filter.recent(newest, first),
                EnumSet.noneOf(Dimension.class)));
        boolean enough = figures.count() >= limits.minActuals();
        String why = source + String.format(Locale.ROOT, " (%d evaluated periods of model version %s after %s)",
                figures.count(), newest, first);
        meters.alarmFigures(group, newest, enough ? figures : null);
        defineAlarms(group, newest, limits);
        datapoint(restoring, group, "wape", enough ? figures.wape() : null, figures.wape() == null ? null : figures.wape() > limits.wapeMax(),
                limits.wapeMax(), newest, why);
        datapoint(restoring, group, "bias", enough ? figures.bias() : null,
                figures.bias() == null ? null : Math.abs(figures.bias()) > limits.biasMax(), limits.biasMax(), newest, why);
        Double coverage = figures.coverage();
        double bound = coverage != null && coverage > limits.coverageMax() ? limits.coverageMax() : limits.coverageMin();
        datapoint(restoring, group, "coverage", enough ? coverage : null, coverage == null ? null
                : coverage < limits.coverageMin() || coverage > limits.coverageMax(), bound, newest, why);
    }

    /** The quality alarms as CloudWatch takes them (aws mode): one threshold per alarm, so coverage has two. */
    private void defineAlarms(String group, String version, QualityProperties.Alarms limits) {
        Map<String, String> dimensions = Map.of("group", group, "model_version", String.valueOf(version));
        String of = " of model group " + group + " over the last " + limits.window().toDays() + " days of actuals";
        alarms.define(new AlarmDefinition("quality-" + group + "-wape", "WAPE" + of, QualityMeters.ALARM_WAPE,
                dimensions, AlarmDefinition.Comparison.GREATER_THAN, limits.wapeMax(), rule));
        alarms.define(new AlarmDefinition("quality-" + group + "-bias", "Absolute bias" + of,
                QualityMeters.ALARM_ABS_BIAS, dimensions, AlarmDefinition.Comparison.GREATER_THAN, limits.biasMax(), rule));
        alarms.define(new AlarmDefinition("quality-" + group + "-coverage-below", "p10-p90 coverage too low" + of,
                QualityMeters.ALARM_COVERAGE, dimensions, AlarmDefinition.Comparison.LESS_THAN, limits.coverageMin(), rule));
        alarms.define(new AlarmDefinition("quality-" + group + "-coverage-above", "p10-p90 coverage too high" + of,
                QualityMeters.ALARM_COVERAGE, dimensions, AlarmDefinition.Comparison.GREATER_THAN, limits.coverageMax(),
                rule));
    }

    private void datapoint(boolean restoring, String group, String metric, Double value, Boolean breaching,
            double threshold, String version, String source) {
        String name = "quality-" + group + "-" + metric;
        if (restoring && alarms.exists(group, name)) {
            return;
        }
        alarms.datapoint(group, name, metric, rule, value == null ? null : breaching, value,
                threshold, version, source);
    }

    /**
     * The thresholds for a model version: the configured ones, overridden by those its baseline's
     * {@code constraints.json} holds (an operator edits them there, and the next arrival of actuals uses them); its
     * bias limit only raises the configured one (a version registered with a median forecast's bias alarms when
     * serving is more biased than that, and a nearly unbiased one is not held to its test set's luck).
     */
    private QualityProperties.Alarms limits(String group, String version) {
        QualityProperties.Alarms configured = properties.alarms();
        Optional<QualityConstraints> own = ownConstraints(group, version);
        return own.map(c -> new QualityProperties.Alarms(configured.minActuals(),
                c.wapeMax() != null ? c.wapeMax() : configured.wapeMax(),
                c.biasMax() != null ? Math.max(configured.biasMax(), c.biasMax()) : configured.biasMax(),
                c.coverageMin() != null ? c.coverageMin() : configured.coverageMin(),
                c.coverageMax() != null ? c.coverageMax() : configured.coverageMax(), configured.window()))
                .orElse(configured);
    }

    /**
     * What a version's baseline says of its forecast quality (limits, cohort attribute); empty for a version its
     * group has no baseline of. Forecasts name the version {@code <group>/<n>}; the baseline folder is the group's n.
     */
    private Optional<QualityConstraints> ownConstraints(String group, String version) {
        return ModelVersionId.parse(version).filter(id -> id.group().equals(group))
                .flatMap(id -> baselines.qualityConstraints(group, id.version()));
    }

    /** Versions by number (the registry counts 1, 2, ... 10), as forecasts name them or bare; others by text. */
    static int compareVersions(String a, String b) {
        Optional<ModelVersionId> x = ModelVersionId.parse(a);
        Optional<ModelVersionId> y = ModelVersionId.parse(b);
        if (x.isPresent() && y.isPresent()) { // launch-demand/10 after launch-demand/9
            int byGroup = x.get().group().compareTo(y.get().group());
            return byGroup != 0 ? byGroup : Integer.compare(x.get().version(), y.get().version());
        }
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The figures of {@code group}, restricted to a model version and/or cohort when given. Not under this object's
     * lock: a join of a large version holds it for minutes, and the report reads the evaluations as the last batch
     * applied left them (one snapshot of the store for all its figures).
     */
    public ForecastQualityReport report(String group, String modelVersion, String cohort) {
        model(group);
        EvaluationStore held = evaluations(group);
        long generation = held.generation(); // read first: what follows is at least as new
        List<String> key = java.util.Arrays.asList(group, modelVersion, cohort);
        CachedReport cached = reports.get(key);
        if (cached != null && cached.generation() == generation) {
            return cached.report();
        }
        ForecastQualityReport report = read(held, group, modelVersion, cohort);
        if (reports.size() >= CACHED_REPORTS) {
            reports.clear();
        }
        reports.put(key, new CachedReport(generation, report));
        return report;
    }

    private ForecastQualityReport read(EvaluationStore held, String group, String modelVersion, String cohort) {
        Comparator<String> versions = ForecastQuality::compareVersions;
        QualityFigures overall = null;
        TreeMap<String, QualityFigures> byVersion = new TreeMap<>(versions);
        Map<String, QualityFigures> byCohort = new TreeMap<>();
        Map<String, QualityFigures> byRegion = new TreeMap<>();
        Map<Integer, QualityFigures> byPeriod = new TreeMap<>();
        Map<LocalDate, QualityFigures> overTime = new TreeMap<>();
        Map<String, Map<LocalDate, QualityFigures>> overTimeByVersion = new TreeMap<>(versions);
        Map<String, Map<LocalDate, QualityFigures>> overTimeByCohort = new TreeMap<>();
        for (EvaluationStore.Grouped g : totals(held, EvaluationStore.Filter.of(modelVersion, cohort),
                EnumSet.noneOf(Dimension.class), EnumSet.of(Dimension.MODEL_VERSION), EnumSet.of(Dimension.COHORT),
                EnumSet.of(Dimension.REGION), EnumSet.of(Dimension.PERIOD), EnumSet.of(Dimension.BUCKET),
                EnumSet.of(Dimension.BUCKET, Dimension.MODEL_VERSION), EnumSet.of(Dimension.BUCKET, Dimension.COHORT))) {
            QualityFigures figures = QualityFigures.of(g.totals());
            Map<Dimension, String> v = g.values();
            String version = String.valueOf(v.get(Dimension.MODEL_VERSION));
            LocalDate bucket = v.get(Dimension.BUCKET) == null ? null : LocalDate.parse(v.get(Dimension.BUCKET));
            Set<Dimension> by = g.dimensions();
            if (by.isEmpty()) {
                overall = figures;
            } else if (by.equals(EnumSet.of(Dimension.MODEL_VERSION))) {
                byVersion.put(version, figures);
            } else if (by.equals(EnumSet.of(Dimension.COHORT))) {
                byCohort.put(v.get(Dimension.COHORT), figures);
            } else if (by.equals(EnumSet.of(Dimension.REGION))) {
                byRegion.put(v.get(Dimension.REGION), figures);
            } else if (by.equals(EnumSet.of(Dimension.PERIOD))) {
                byPeriod.put(Integer.parseInt(v.get(Dimension.PERIOD)), figures);
            } else if (by.equals(EnumSet.of(Dimension.BUCKET))) {
                overTime.put(bucket, figures);
            } else if (by.contains(Dimension.MODEL_VERSION)) {
                overTimeByVersion.computeIfAbsent(version, k -> new TreeMap<>()).put(bucket, figures);
            } else {
                overTimeByCohort.computeIfAbsent(v.get(Dimension.COHORT), k -> new TreeMap<>()).put(bucket, figures);
            }
        }
        // the cohorts are those of the version asked about, else of the newest one with actuals
        String described = modelVersion != null ? modelVersion : byVersion.isEmpty() ? null : byVersion.lastKey();
        return new ForecastQualityReport(group, modelVersion, cohort, cohortAttributes(group).apply(described),
                List.of(properties.lowerQuantile(), properties.upperQuantile()),
                overall != null ? overall : QualityFigures.of(List.of(), properties.lowerQuantile(),
                        properties.upperQuantile()), byVersion, byCohort, byRegion, byPeriod, buckets(overTime),
                series(overTimeByVersion, versions), series(overTimeByCohort, Comparator.naturalOrder()));
    }

    @SafeVarargs
    private List<EvaluationStore.Grouped> totals(EvaluationStore held, EvaluationStore.Filter filter,
            Set<Dimension>... sets) {
        return held.totals(filter, List.of(sets), properties.lowerQuantile(), properties.upperQuantile());
    }

    /** The figures of the one grouping over everything; no evaluations: figures of nothing. */
    private QualityFigures overall(List<EvaluationStore.Grouped> grouped) {
        return grouped.stream().filter(g -> g.dimensions().isEmpty()).findFirst()
                .map(g -> QualityFigures.of(g.totals()))
                .orElseGet(() -> QualityFigures.of(List.of(), properties.lowerQuantile(), properties.upperQuantile()));
    }

    private static List<ForecastQualityReport.Bucket> buckets(Map<LocalDate, QualityFigures> byStart) {
        return byStart.entrySet().stream().map(e -> new ForecastQualityReport.Bucket(e.getKey(), e.getValue())).toList();
    }

    private static Map<String, List<ForecastQualityReport.Bucket>> series(
            Map<String, Map<LocalDate, QualityFigures>> byKey, Comparator<String> order) {
        Map<String, List<ForecastQualityReport.Bucket>> series = new TreeMap<>(order);
        byKey.forEach((k, byStart) -> series.put(k, buckets(byStart)));
        return series;
    }
}
