package io.launchcast.monitor.runs;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a completed run's files: {@code constraint_violations.json} in Model Monitor's shape, the JSON report
 * (the run itself) and a readable HTML page, under {@code <reportPrefix>/<group>/<run id>/}.
 */
@Component
class RunReports {

    private final ObjectStore store;
    private final JsonMapper json;
    private final MonitorProperties properties;

    RunReports(ObjectStore store, JsonMapper json, MonitorProperties properties) {
        this.store = store;
        this.json = json;
        this.properties = properties;
    }

    /** Writes the files and answers the key of the JSON report. */
    String write(MonitoringRun run) {
        String base = properties.reportPrefix() + "/" + run.group() + "/" + run.id() + "/";
        Map<String, Object> violations = new LinkedHashMap<>();
        violations.put("violations", run.violations());
        store.put(base + "constraint_violations.json", json.writeValueAsBytes(violations), "application/json");
        store.put(base + "report.json", json.writeValueAsBytes(run), "application/json");
        store.put(base + "report.html", html(run).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
        return base + "report.json";
    }

    private static String html(MonitoringRun run) {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Monitoring run ")
                .append(e(run.id())).append("</title></head><body><h1>Monitoring run ").append(e(run.id()))
                .append("</h1><p>Model ").append(e(run.group())).append(" v").append(run.modelVersion())
                .append(", window ").append(run.windowStart()).append(" to ").append(run.windowEnd()).append(", ")
                .append(run.recordsRead()).append(" records read, ").append(run.malformedLines())
                .append(" malformed lines.</p>");
        if (run.forecastReference() != null) {
            page.append("<p>Forecasts compared with: ").append(e(run.forecastReference())).append(".</p>");
        }
        page.append("<h2>Violations (").append(run.violations().size())
                .append(")</h2><table border=\"1\"><tr><th>Feature</th><th>Check</th><th>Description</th></tr>");
        for (Violation v : run.violations()) {
            page.append("<tr><td>").append(e(v.featureName())).append("</td><td>").append(e(v.constraintCheckType()))
                    .append("</td><td>").append(e(v.description())).append("</td></tr>");
        }
        page.append("</table><h2>Drift per feature</h2><table border=\"1\"><tr><th>Feature</th><th>Method</th>"
                + "<th>Value</th><th>Threshold</th><th>Drifted</th></tr>");
        for (FeatureDrift d : run.drift()) {
            page.append("<tr><td>").append(e(d.feature())).append("</td><td>").append(d.method().label())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.6g", d.value())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.6g", d.threshold())).append("</td><td>")
                    .append(d.drifted() ? "yes" : "no").append("</td></tr>");
        }
        page.append("</table>");
        if (!run.undecided().isEmpty()) {
            page.append("<h2>No drift verdict (").append(run.undecided().size()).append(")</h2><ul>");
            run.undecided().forEach(u -> page.append("<li>").append(e(u)).append("</li>"));
            page.append("</ul>");
        }
        return page.append("</body></html>").toString();
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(String.valueOf(text));
    }
}
