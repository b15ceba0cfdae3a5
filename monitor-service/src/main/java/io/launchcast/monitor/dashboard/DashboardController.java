package io.launchcast.monitor.dashboard;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.Alarm;
import io.launchcast.monitor.alarms.LocalAlarms;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.quality.ForecastQuality;
import io.launchcast.monitor.quality.ForecastQualityReport;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.monitor.runs.MonitoringRuns;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The ops dashboard: {@code GET /dashboard} is the page (a static shell, no data in it), {@code GET
 * /dashboard-data} everything it shows in one answer, behind the operations role like every other endpoint.
 */
@Controller
class DashboardController {

    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH");

    /** An alarm with its transitions. */
    record AlarmView(Alarm alarm, List<Alarm.Transition> history) {
    }

    /**
     * The drift of one completed run, per feature; {@code severity} is ≥ 1 exactly when the feature drifted;
     * {@code undecided}: the features its window was too small to judge, each with why (ADR 0168).
     */
    record RunDrift(String id, String group, Integer modelVersion, Instant windowStart, Instant windowEnd,
            long recordsRead, int violations, List<Drift> features, List<String> undecided) {
    }

    record Drift(String feature, String method, double value, double threshold, boolean drifted, double severity) {
    }

    /** Capture objects and bytes written per hour at one endpoint. */
    record CaptureVolume(String group, String endpoint, List<Hour> hours) {
    }

    record Hour(Instant hour, long objects, long bytes) {
    }

    record DashboardData(Instant generatedAt, List<AlarmView> alarms, List<RunDrift> drift,
            List<ForecastQualityReport> quality, List<CaptureVolume> capture, List<ServingMetrics.ServiceFigures> serving) {
    }

    private final LocalAlarms alarms;
    private final MonitoringRuns runs;
    private final ForecastQuality quality;
    private final ServingMetrics serving;
    private final ObjectStore store;
    private final MonitorProperties monitor;
    private final DashboardProperties properties;
    private final Clock clock;

    DashboardController(LocalAlarms alarms, MonitoringRuns runs, ForecastQuality quality, ServingMetrics serving,
            ObjectStore store, MonitorProperties monitor, DashboardProperties properties, Clock clock) {
        this.alarms = alarms;
        this.runs = runs;
        this.quality = quality;
        this.serving = serving;
        this.store = store;
        this.monitor = monitor;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping({"/dashboard", "/dashboard/"})
    String page() {
        return "forward:/dashboard/index.html";
    }

    @GetMapping("/dashboard-data")
    @ResponseBody
    DashboardData data() {
        List<AlarmView> alarmViews = alarms.all().stream()
                .map(a -> new AlarmView(a, alarms.history(a.name()).orElse(List.of()))).toList();
        return new DashboardData(Instant.now(clock), alarmViews, drift(),
                quality.groups().stream().map(g -> quality.report(g, null, null)).toList(), capture(), serving.read());
    }

    private List<RunDrift> drift() {
        Map<String, Integer> perGroup = new LinkedHashMap<>();
        List<RunDrift> latest = new ArrayList<>();
        for (MonitoringRun run : runs.all()) { // newest window first
            if (run.state() != MonitoringRun.State.COMPLETED
                    || perGroup.merge(run.group(), 1, Integer::sum) > properties.latestRuns()) {
                continue;
            }
            latest.add(new RunDrift(run.id(), run.group(), run.modelVersion(), run.windowStart(), run.windowEnd(),
                    run.recordsRead(), run.violations().size(), run.drift().stream().map(DashboardController::view).toList(),
                    run.undecided()));
        }
        return latest;
    }

    private static Drift view(FeatureDrift d) {
        // tests drift below their p-value threshold, distances above theirs: one scale where 1 is the threshold
        double severity = d.method().isTest() ? d.threshold() / Math.max(d.value(), 1e-12) : d.value() / d.threshold();
        return new Drift(d.feature(), d.method().label(), d.value(), d.threshold(), d.drifted(),
                Math.min(severity, 10));
    }

    private List<CaptureVolume> capture() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.HOURS);
        Instant first = now.minus(properties.captureHours() - 1L, ChronoUnit.HOURS);
        List<CaptureVolume> volumes = new ArrayList<>();
        for (MonitorProperties.Model model : monitor.models()) {
            String prefix = "capture/" + model.endpoint() + "/AllTraffic/";
            Map<Instant, long[]> hours = new LinkedHashMap<>();
            for (Instant h = first; !h.isAfter(now); h = h.plus(1, ChronoUnit.HOURS)) {
                hours.put(h, new long[2]);
            }
            for (ObjectSummary object : store.list(prefix)) {
                String rest = object.key().substring(prefix.length());
                if (rest.length() < 13) {
                    continue;
                }
                try {
                    Instant hour = LocalDateTime.parse(rest.substring(0, 13), HOUR_PATH).toInstant(ZoneOffset.UTC);
                    long[] counts = hours.get(hour);
                    if (counts != null) {
                        counts[0]++;
                        counts[1] += object.size();
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    // not a capture object: skip
                }
            }
            List<Hour> list = new ArrayList<>();
            hours.forEach((h, c) -> list.add(new Hour(h, c[0], c[1])));
            volumes.add(new CaptureVolume(model.group(), model.endpoint(), list));
        }
        return volumes;
    }
}
