package io.launchcast.monitor.runs;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.MonitoringBaseline;
import io.launchcast.monitor.capture.CaptureReader;
import io.launchcast.monitor.capture.CapturedWindow;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.forecastdrift.ForecastDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Starts monitoring runs and keeps their state. Runs execute one at a time on their own thread (a window of
 * 100,000 records is read in one go, so two at once would double the heap for no gain on two cores).
 */
@Service
public class MonitoringRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRuns.class);

    private final MonitorProperties properties;
    private final BaselineReader baselines;
    private final CaptureReader captures;
    private final WindowCheck checks;
    private final RunReports reports;
    private final ForecastDrift forecastDrift;
    private final List<Consumer<MonitoringRun>> listeners;
    private final Map<String, MonitoringRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "monitoring-run"));

    MonitoringRuns(MonitorProperties properties, BaselineReader baselines, CaptureReader captures, WindowCheck checks,
            RunReports reports, ForecastDrift forecastDrift, List<MonitoringRunListener> listeners) {
        this.properties = properties;
        this.baselines = baselines;
        this.captures = captures;
        this.checks = checks;
        this.reports = reports;
        this.forecastDrift = forecastDrift;
        this.listeners = listeners.stream().<Consumer<MonitoringRun>>map(l -> l::completed).toList();
    }

    /** Queues a run of {@code group} over [from, to) against {@code version}, or the latest baseline if null. */
    public MonitoringRun start(String group, Integer version, Instant from, Instant to) {
        MonitorProperties.Model model = model(group).orElseThrow(() -> new UnknownModelException(group));
        MonitoringRun run = new MonitoringRun(UUID.randomUUID().toString(), group, version, MonitoringRun.State.PENDING,
                from, to, 0, 0, 0, List.of(), List.of(), List.of(), null, null, null);
        runs.put(run.id(), run);
        executor.execute(() -> execute(run, model));
        return run;
    }

    public Optional<MonitoringRun> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Every run, newest window first. */
    public List<MonitoringRun> all() {
        return runs.values().stream().sorted((a, b) -> b.windowEnd().compareTo(a.windowEnd())).toList();
    }

    Optional<MonitorProperties.Model> model(String group) {
        return properties.models().stream().filter(m -> m.group().equals(group)).findFirst();
    }

    private void execute(MonitoringRun queued, MonitorProperties.Model model) {
        String id = queued.id();
        runs.put(id, queued.withProgress(MonitoringRun.State.RUNNING, 0, 0));
        try {
            int version = queued.modelVersion() != null ? queued.modelVersion()
                    : baselines.latestVersion(queued.group()).orElseThrow(() -> new IllegalStateException(
                            "no monitoring baseline for " + queued.group() + " yet: train and register a model first"));
            MonitoringBaseline baseline = baselines.read(queued.group(), version);
            // streamed: the checks gather each feature's values (numbers as doubles), not the window's records
            WindowCheck.Window values = checks.window(baseline);
            CapturedWindow window = captures.forEach(model.endpoint(), queued.windowStart(), queued.windowEnd(),
                    percent -> runs.computeIfPresent(id, (k, r) -> r.withProgress(r.state(), Math.min(percent, 99), 0)),
                    values::add);
            WindowCheck.Outcome outcome = checks.check(values);
            List<Violation> violations = new ArrayList<>(outcome.violations());
            List<FeatureDrift> drift = new ArrayList<>(outcome.drift());
            ForecastDrift.Outcome forecasts = forecastDrift.check(model, version, queued.windowStart(), queued.windowEnd());
            List<String> undecided = new ArrayList<>(outcome.undecided());
            undecided.addAll(forecasts.undecided());
            for (FeatureDrift d : forecasts.drift()) {
                drift.add(d);
                if (d.drifted()) {
                    violations.add(new Violation(d.feature(), Violation.BASELINE_DRIFT, String.format(Locale.ROOT,
                            "%s %.6g %s threshold %.6g (forecasts against the version's reference forecasts)",
                            d.method().label(), d.value(), d.method().isTest() ? "below" : "above", d.threshold())));
                }
            }
            List<String> judgeable = new ArrayList<>(baseline.features().keySet());
            judgeable.addAll(forecasts.series());
            MonitoringRun done = new MonitoringRun(id, queued.group(), version, MonitoringRun.State.COMPLETED,
                    queued.windowStart(), queued.windowEnd(), 100, values.records(), window.malformedLines(),
                    violations, drift, List.copyOf(undecided), null, null, forecasts.reference(), List.copyOf(judgeable));
            String reportKey = reports.write(done);
            done = new MonitoringRun(id, done.group(), version, done.state(), done.windowStart(), done.windowEnd(), 100,
                    done.recordsRead(), done.malformedLines(), done.violations(), done.drift(), done.undecided(), reportKey, null,
                    done.forecastReference(), done.judgeable());
            runs.put(id, done);
            log.info("monitoring run {} of {} v{}: {} records, {} violations", id, queued.group(), version,
                    done.recordsRead(), done.violations().size());
            for (Consumer<MonitoringRun> listener : listeners) {
                listener.accept(done);
            }
        } catch (RuntimeException e) {
            log.warn("monitoring run {} failed", id, e);
            MonitoringRun current = runs.get(id);
            runs.put(id, new MonitoringRun(id, current.group(), current.modelVersion(), MonitoringRun.State.FAILED,
                    current.windowStart(), current.windowEnd(), current.percentDone(), current.recordsRead(),
                    current.malformedLines(), List.of(), List.of(), List.of(), null, String.valueOf(e.getMessage()), null));
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
