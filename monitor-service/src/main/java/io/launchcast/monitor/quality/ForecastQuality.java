package io.launchcast.monitor.quality;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.AlarmDefinition;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.QualityConstraints;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.alarms.AlarmRule;
import io.launchcast.monitor.alarms.LocalAlarms;
import io.launchcast.monitor.capture.CapturedForecast;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joins captured forecasts with actuals and keeps the evaluated forecast periods of each model group. Every change
 * is written to the object store before it is applied in memory ({@code <prefix>/<group>/batches/}, replayed in
 * order at start-up), so the figures survive a restart; a published dataset version leaves a record under
 * {@code datasets/} (a redelivered event finds it and does nothing) and its unmatched sales under
 * {@code quarantine/}.
 *
 * <p>Which forecast an actual evaluates: the latest captured forecast of each model version for the product and
 * region (a planner re-forecasting a product replaces the earlier answer), or the named inference's.
 */
@Service
public class ForecastQuality {

    private static final Logger log = LoggerFactory.getLogger(ForecastQuality.class);
    private static final String NO_COHORT = "(none)";

    /** A batch of evaluations as stored; replayed oldest first. */
    record Batch(String source, Instant receivedAt, List<EvaluatedForecast> evaluations) {
    }

    /** What joining one dataset version did; sales rows = joined + quarantined + not forecast. */
    public record DatasetJoin(String group, String dataset, String version, long salesRows, long joinedRows,
            long quarantinedRows, long notForecastRows, int evaluated, int changed, Instant joinedAt) {
    }

    /** A sales row no captured forecast could take, and why. */
    public record QuarantinedRow(String productId, String region, LocalDate periodStart, long units, String reason) {
    }

    record Quarantine(String dataset, String version, List<QuarantinedRow> rows) {
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
    private final Map<String, Map<String, EvaluatedForecast>> groups = new HashMap<>();

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
    }

    /** Restores every group's evaluations, gauges and alarms at start-up. */
    @EventListener(ApplicationReadyEvent.class)
    public void restore() {
        for (MonitorProperties.Model model : monitor.models()) {
            try {
                synchronized (this) {
                    Map<String, EvaluatedForecast> state = state(model.group());
                    if (!state.isEmpty()) {
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

    /** The group's evaluations, read from the store on first use. Callers hold this object's lock. */
    private Map<String, EvaluatedForecast> state(String group) {
        Map<String, EvaluatedForecast> state = groups.get(group);
        if (state != null) {
            return state;
        }
        Map<String, EvaluatedForecast> loaded = new HashMap<>();
        // keys start with the zero-padded arrival time: listing order is arrival order
        List<ObjectSummary> batches = store.list(prefix(group) + "batches/").stream()
                .sorted(Comparator.comparing(ObjectSummary::key)).toList();
        for (ObjectSummary object : batches) {
            Batch batch = json.readValue(store.read(object.key()), Batch.class);
            batch.evaluations().forEach(e -> loaded.put(e.key(), e));
        }
        log.info("forecast quality of {}: {} evaluated periods from {} batches", group, loaded.size(), batches.size());
        groups.put(group, loaded);
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
        CuratedDataset curated = null;
        for (MonitorProperties.Model model : monitor.models()) {
            String marker = prefix(model.group()) + "datasets/" + dataset + "/v=" + version + ".json";
            if (store.head(marker).isPresent()) {
                log.info("actuals of {} {} already joined with {}'s forecasts", dataset, version, model.group());
                joins.add(json.readValue(store.read(marker), DatasetJoin.class));
                continue;
            }
            if (curated == null) {
                curated = readDataset(dataset, version);
            }
            DatasetJoin join = join(model, curated, dataset, version);
            store.put(marker, json.writeValueAsBytes(join), "application/json");
            joins.add(join);
        }
        return joins;
    }

    private CuratedDataset readDataset(String dataset, String version) {
        Path local = datasetCache.resolve(dataset).resolve("v=" + version);
        ObjectStoreMirror.mirror(store, "curated/" + dataset + "/v=" + version + "/", local);
        try {
            return new CuratedDatasetReader().read(local);
        } finally {
            delete(local); // the sales are needed once: the evaluations are what is kept
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private DatasetJoin join(MonitorProperties.Model model, CuratedDataset curated, String dataset, String version) {
        Set<String> sold = curated.sales().stream().map(SalesRecord::productId).collect(Collectors.toSet());
        // the capture's product index: only the capture objects that forecast a sold product are read
        Map<String, List<CapturedForecast>> forecasts = ofRecord(captures.read(model.endpoint(), sold, f -> true))
                .stream().collect(Collectors.groupingBy(CapturedForecast::productId));
        Map<String, Product> products = curated.products().stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
        // product -> period start -> region -> units
        Map<String, Map<LocalDate, Map<String, Long>>> sales = new HashMap<>();
        for (SalesRecord s : curated.sales()) {
            sales.computeIfAbsent(s.productId(), k -> new HashMap<>()).computeIfAbsent(s.periodStart(), k -> new HashMap<>())
                    .merge(s.region() == null ? "" : s.region(), s.units(), Long::sum);
        }
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        Set<String> joinedRows = new HashSet<>();
        forecasts.forEach((productId, ofProduct) -> {
            Map<LocalDate, Map<String, Long>> byPeriod = sales.getOrDefault(productId, Map.of());
            for (CapturedForecast f : ofProduct) {
                for (CapturedForecast.Period p : f.periods()) {
                    Map<String, Long> regions = byPeriod.get(p.periodStart());
                    if (regions == null) {
                        continue; // not sold yet (or not reported yet): this period waits for a later version
                    }
                    Long units;
                    if (f.region() == null) { // a forecast without region is the product's total
                        units = regions.values().stream().mapToLong(Long::longValue).sum();
                        regions.keySet().forEach(r -> joinedRows.add(productId + '\u0000' + p.periodStart() + '\u0000' + r));
                    } else {
                        units = regions.get(f.region());
                        if (units != null) {
                            joinedRows.add(productId + '\u0000' + p.periodStart() + '\u0000' + f.region());
                        }
                    }
                    if (units != null) {
                        evaluations.add(evaluation(f, p, units, products.get(productId)));
                    }
                }
            }
        });
        List<QuarantinedRow> quarantined = new ArrayList<>();
        long notForecast = 0;
        for (SalesRecord s : curated.sales()) {
            List<CapturedForecast> ofProduct = forecasts.get(s.productId());
            String region = s.region() == null ? "" : s.region();
            if (ofProduct == null) {
                notForecast++; // the history every model learns from: nothing to evaluate, nothing wrong
            } else if (!joinedRows.contains(s.productId() + '\u0000' + s.periodStart() + '\u0000' + region)) {
                quarantined.add(new QuarantinedRow(s.productId(), s.region(), s.periodStart(), s.units(),
                        unmatchedReason(ofProduct, s)));
            }
        }
        if (!quarantined.isEmpty()) {
            store.put(prefix(model.group()) + "quarantine/" + dataset + "/v=" + version + ".json",
                    json.writeValueAsBytes(new Quarantine(dataset, version, quarantined)), "application/json");
            log.warn("{} sales rows of {} {} match no captured forecast of {} (quarantined)", quarantined.size(),
                    dataset, version, model.group());
        }
        int changed = apply(model.group(), "dataset " + dataset + " " + version, evaluations).changed();
        DatasetJoin join = new DatasetJoin(model.group(), dataset, version, curated.sales().size(),
                joinedRows.size(), quarantined.size(), notForecast, evaluations.size(), changed, Instant.now(clock));
        log.info("actuals of {} {} joined with {}'s forecasts: {}", dataset, version, model.group(), join);
        return join;
    }

    private static String unmatchedReason(List<CapturedForecast> ofProduct, SalesRecord s) {
        boolean region = ofProduct.stream().anyMatch(f -> f.region() == null || f.region().equals(s.region()));
        if (!region) {
            return "no captured forecast of product " + s.productId() + " for region " + s.region() + " (forecast for "
                    + ofProduct.stream().map(CapturedForecast::region).distinct().sorted().toList() + ")";
        }
        return "period " + s.periodStart() + " is outside the captured forecasts' periods of product " + s.productId();
    }

    /** Per model version, product and region, the latest captured forecast. */
    private static List<CapturedForecast> ofRecord(List<CapturedForecast> forecasts) {
        Map<String, CapturedForecast> latest = new LinkedHashMap<>();
        for (CapturedForecast f : forecasts) {
            latest.merge(f.modelVersion() + '\u0000' + f.productId() + '\u0000' + f.region(), f,
                    (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        return List.copyOf(latest.values());
    }

    private EvaluatedForecast evaluation(CapturedForecast f, CapturedForecast.Period p, double units, Product product) {
        String cohort = f.attributes().get(properties.cohortAttribute());
        if (cohort == null && product != null) {
            cohort = product.attribute(properties.cohortAttribute());
        }
        return new EvaluatedForecast(f.modelVersion(), f.productId(), f.region(), cohort, p.period(), p.periodStart(),
                f.inferenceId(), f.at(), units, p.mean(), Map.copyOf(p.quantiles()));
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
        List<CapturedForecast> captured = captures.read(model.endpoint(),
                f -> inferenceIds.contains(f.inferenceId()) || productIds.contains(f.productId()));
        Map<String, List<CapturedForecast>> byInference = captured.stream()
                .collect(Collectors.groupingBy(CapturedForecast::inferenceId));
        Map<String, List<CapturedForecast>> byProduct = ofRecord(captured.stream()
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
                        .ifPresent(p -> evaluations.add(evaluation(f, p, row.units(), null)));
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
        Applied applied = apply(group, "actuals sent to /actuals", evaluations);
        return new ActualsReceipt(group, request.actuals().size(), evaluations.size(), applied.changed(), applied.key());
    }

    /** An actual for a region takes that region's forecasts, else the product's forecasts without region. */
    private static List<CapturedForecast> regionMatch(List<CapturedForecast> forecasts, String region) {
        List<CapturedForecast> exact = forecasts.stream().filter(f -> Objects.equals(f.region(), region)).toList();
        if (!exact.isEmpty() || region == null) {
            return exact;
        }
        return forecasts.stream().filter(f -> f.region() == null).toList();
    }

    /** How many evaluations changed, and the batch that holds them (null when none did). */
    private record Applied(int changed, String key) {
    }

    /** Keeps the evaluations that are new or differ from those held: written to the store first, then applied. */
    private Applied apply(String group, String source, List<EvaluatedForecast> evaluations) {
        Map<String, EvaluatedForecast> state = state(group);
        Map<String, EvaluatedForecast> changed = new LinkedHashMap<>();
        for (EvaluatedForecast e : evaluations) {
            if (!e.equals(state.get(e.key()))) {
                changed.put(e.key(), e);
            }
        }
        if (changed.isEmpty()) {
            return new Applied(0, null);
        }
        Instant now = Instant.now(clock);
        byte[] content = json.writeValueAsBytes(new Batch(source, now, List.copyOf(changed.values())));
        String key = prefix(group) + "batches/" + String.format(Locale.ROOT, "%015d", now.toEpochMilli()) + "-"
                + Sha256.hex(content).substring(0, 16) + ".json";
        store.put(key, content, "application/json");
        state.putAll(changed);
        changed(group, source, false);
        return new Applied(changed.size(), key);
    }

    /**
     * After a change: gauges and one datapoint per quality alarm. At start-up ({@code restoring}) an alarm that kept
     * its datapoints in its journal gets none: the restart is not a period, and counting it would move an
     * M-out-of-N window.
     */
    private void changed(String group, String source, boolean restoring) {
        Map<String, EvaluatedForecast> state = state(group);
        meters.update(group, state.values(), properties);
        String newest = state.values().stream().map(EvaluatedForecast::modelVersion).filter(Objects::nonNull)
                .max(ForecastQuality::compareVersions).orElse(null);
        QualityProperties.Alarms limits = limits(group, newest);
        List<EvaluatedForecast> ofNewest = state.values().stream()
                .filter(e -> Objects.equals(e.modelVersion(), newest)).toList();
        LocalDate last = ofNewest.stream().map(EvaluatedForecast::periodStart).max(Comparator.naturalOrder())
                .orElse(LocalDate.EPOCH);
        LocalDate first = last.minusDays(limits.window().toDays());
        List<EvaluatedForecast> recent = ofNewest.stream().filter(e -> e.periodStart().isAfter(first)).toList();
        QualityFigures figures = QualityFigures.of(recent, properties.lowerQuantile(), properties.upperQuantile());
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
     * {@code constraints.json} holds (an operator edits them there, and the next arrival of actuals uses them).
     */
    private QualityProperties.Alarms limits(String group, String version) {
        QualityProperties.Alarms configured = properties.alarms();
        Optional<QualityConstraints> own;
        try {
            own = version == null ? Optional.empty() : baselines.qualityConstraints(group, Integer.parseInt(version));
        } catch (NumberFormatException e) {
            own = Optional.empty();
        }
        return own.map(c -> new QualityProperties.Alarms(configured.minActuals(),
                c.wapeMax() != null ? c.wapeMax() : configured.wapeMax(), configured.biasMax(),
                c.coverageMin() != null ? c.coverageMin() : configured.coverageMin(),
                c.coverageMax() != null ? c.coverageMax() : configured.coverageMax(), configured.window()))
                .orElse(configured);
    }

    /** Numeric versions by number (the registry counts 1, 2, ... 10), others by text. */
    static int compareVersions(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The figures of {@code group}, restricted to a model version and/or cohort when given. */
    public synchronized ForecastQualityReport report(String group, String modelVersion, String cohort) {
        model(group);
        List<EvaluatedForecast> points = state(group).values().stream()
                .filter(e -> modelVersion == null || modelVersion.equals(e.modelVersion()))
                .filter(e -> cohort == null || cohort.equals(cohortOf(e))).toList();
        String lower = properties.lowerQuantile();
        String upper = properties.upperQuantile();
        Comparator<String> versions = ForecastQuality::compareVersions;
        return new ForecastQualityReport(group, modelVersion, cohort, properties.cohortAttribute(), List.of(lower, upper),
                QualityFigures.of(points, lower, upper),
                figures(points, e -> String.valueOf(e.modelVersion()), new TreeMap<>(versions)),
                figures(points, ForecastQuality::cohortOf, new TreeMap<>()),
                figures(points, EvaluatedForecast::period, new TreeMap<>()), overTime(points),
                series(points, e -> String.valueOf(e.modelVersion()), new TreeMap<>(versions)),
                series(points, ForecastQuality::cohortOf, new TreeMap<>()));
    }

    private static String cohortOf(EvaluatedForecast e) {
        return e.cohort() == null ? NO_COHORT : e.cohort();
    }

    private <K> Map<K, QualityFigures> figures(List<EvaluatedForecast> points, Function<EvaluatedForecast, K> by,
            Map<K, QualityFigures> into) {
        points.stream().collect(Collectors.groupingBy(by)).forEach((k, group) ->
                into.put(k, QualityFigures.of(group, properties.lowerQuantile(), properties.upperQuantile())));
        return into;
    }

    private <K> Map<K, List<ForecastQualityReport.Bucket>> series(List<EvaluatedForecast> points,
            Function<EvaluatedForecast, K> by, Map<K, List<ForecastQualityReport.Bucket>> into) {
        points.stream().collect(Collectors.groupingBy(by)).forEach((k, group) -> into.put(k, overTime(group)));
        return into;
    }

    private List<ForecastQualityReport.Bucket> overTime(List<EvaluatedForecast> points) {
        Map<LocalDate, QualityFigures> byBucket = figures(points, e -> bucket(e.periodStart()), new TreeMap<>());
        return byBucket.entrySet().stream().map(e -> new ForecastQualityReport.Bucket(e.getKey(), e.getValue())).toList();
    }

    private LocalDate bucket(LocalDate date) {
        return properties.timeBucket() == QualityProperties.TimeBucket.MONTH ? date.withDayOfMonth(1)
                : date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
