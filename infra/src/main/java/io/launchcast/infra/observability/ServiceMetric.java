package io.launchcast.infra.observability;

import java.util.List;

/**
 * A meter the services register with Micrometer, and how the dashboard shows it. The list is checked against
 * the services' source by {@code ServiceMetricsTest}: a meter added, renamed or removed in a service fails the
 * build until it is shown here, so the dashboard never graphs a name nobody publishes.
 *
 * @param meter the Micrometer name, as in the code ({@code meters.counter("launchcast.capture.records", ...)})
 * @param type how Micrometer's CloudWatch registry publishes it, which decides the CloudWatch metric name
 * @param title the widget's title
 * @param statistic the CloudWatch statistic the widget shows
 */
public record ServiceMetric(String meter, MeterType type, String title, String statistic) {

    /** Micrometer meter types and the suffix the CloudWatch registry appends (micrometer-registry-cloudwatch2). */
    public enum MeterType {
        COUNTER("count"), GAUGE("value"), TIMER("avg");

        private final String suffix;

        MeterType(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** The CloudWatch metric name the registry publishes, e.g. {@code launchcast.capture.records.count}. */
    public String cloudWatchName() {
        return meter + "." + type.suffix();
    }

    /** The meters of the suite, grouped as the dashboard shows them. */
    public static List<ServiceMetric> all() {
        return List.of(
                new ServiceMetric("launchcast.monitor.drift", MeterType.GAUGE, "Drift by feature (monitor-service)",
                        "Maximum"),
                new ServiceMetric("launchcast.monitor.drift.threshold", MeterType.GAUGE, "Drift thresholds",
                        "Maximum"),
                new ServiceMetric("launchcast.monitor.violations", MeterType.GAUGE,
                        "Constraint violations of the latest monitoring run", "Maximum"),
                new ServiceMetric("launchcast.monitor.records", MeterType.GAUGE, "Captured records per monitoring run",
                        "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.wape", MeterType.GAUGE,
                        "Forecast quality from actuals: WAPE by model version and cohort", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.bias", MeterType.GAUGE, "Forecast bias", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.coverage", MeterType.GAUGE, "p10-p90 coverage",
                        "Minimum"),
                new ServiceMetric("launchcast.monitor.quality.wql", MeterType.GAUGE, "wQL per quantile", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.wql.mean", MeterType.GAUGE, "Mean wQL", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.actuals", MeterType.GAUGE,
                        "Evaluated forecast periods (actuals joined)", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.alarm.wape", MeterType.GAUGE,
                        "WAPE the quality alarm judges (recent actuals, newest version)", "Maximum"),
                new ServiceMetric("launchcast.monitor.quality.alarm.coverage", MeterType.GAUGE,
                        "Coverage the quality alarm judges", "Minimum"),
                new ServiceMetric("launchcast.batch.lines.read", MeterType.COUNTER,
                        "Batch forecasts: lines read (forecast-service)", "Sum"),
                new ServiceMetric("launchcast.batch.lines.forecast", MeterType.COUNTER, "Batch lines forecast", "Sum"),
                new ServiceMetric("launchcast.batch.lines.failed", MeterType.COUNTER,
                        "Batch lines failed (error lines in the output)", "Sum"),
                new ServiceMetric("launchcast.batch.lines.skipped", MeterType.COUNTER,
                        "Batch lines skipped (parts written by an earlier attempt)", "Sum"),
                new ServiceMetric("launchcast.batch.jobs", MeterType.TIMER,
                        "Batch job duration by outcome and backend (average)", "Average"),
                new ServiceMetric("launchcast.capture.records", MeterType.COUNTER,
                        "Data capture: queued, written, dropped (forecast-service)", "Sum"),
                new ServiceMetric("launchcast.events.handled", MeterType.COUNTER, "Events handled, by outcome",
                        "Sum"),
                new ServiceMetric("launchcast.events.dead-lettered", MeterType.COUNTER, "Events dead-lettered",
                        "Sum"),
                new ServiceMetric("launchcast.events.replayed", MeterType.COUNTER, "Dead-lettered events replayed",
                        "Sum"),
                new ServiceMetric("launchcast.events.visibility-extended", MeterType.COUNTER,
                        "Events kept hidden while their handler runs (visibility extensions)", "Sum"));
    }
}
