package io.launchcast.forecast.accuracy;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.evaluation.Metrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the accuracy tables: {@code AccuracyReportCommand <config.yml> [--dataset DIR] [--protocols
 * split,backtest]}. The configuration says everything dataset-specific; the dataset is any curated version
 * directory.
 */
public final class AccuracyReportCommand {

    private AccuracyReportCommand() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: AccuracyReportCommand <config.yml> [--dataset DIR] [--protocols split,backtest]");
            System.exit(2);
        }
        AccuracyConfig config = AccuracyConfig.read(Path.of(args[0]));
        String protocols = "split,backtest";
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dataset" -> config = config.withDataset(Path.of(args[i + 1]));
                case "--protocols" -> protocols = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        CuratedDataset dataset = new CuratedDatasetReader().read(config.dataset());
        out.printf(Locale.ROOT, "dataset %s version %s (manifest sha256 %s): %d products, %d sales rows, "
                        + "%d signal rows, read in %.1f s%n", dataset.manifest().dataset(), dataset.manifest().version(),
                dataset.manifest().sha256().substring(0, 12), dataset.products().size(), dataset.sales().size(),
                dataset.signals().size(), (System.nanoTime() - t0) / 1e9);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(config, dataset);
        out.printf(Locale.ROOT, "features %s (sha256 %s), horizon %d %ss, quantiles %s, seed %d%n",
                io.launchcast.features.compute.FeatureDefinitions.VERSION,
                evaluation.definitions().hash().substring(0, 12), config.model().horizon(),
                evaluation.definitions().period().name().toLowerCase(Locale.ROOT), config.model().quantiles(),
                config.model().seed());
        for (String protocol : protocols.split(",")) {
            AccuracyEvaluation.Report report = switch (protocol.trim()) {
                case "split" -> evaluation.split();
                case "backtest" -> evaluation.backtest();
                default -> throw new IllegalArgumentException("unknown protocol " + protocol);
            };
            print(report, config, out);
        }
    }

    static void print(AccuracyEvaluation.Report report, AccuracyConfig config, PrintStream out) {
        var q = config.model().quantiles();
        String interval = String.format(Locale.ROOT, "p%d-p%d cov", Math.round(q.get(0) * 100),
                Math.round(q.get(q.size() - 1) * 100));
        out.printf(Locale.ROOT, "%n== %s: %s (features %.1f s)%n", report.protocol(), report.description(),
                report.featureTime().toMillis() / 1000.0);
        String half = "WAPE@" + (config.model().horizon() + 1) / 2;
        out.printf(Locale.ROOT, "%-22s %8s %8s %9s %8s %8s %8s %10s %9s%n", "model", "WAPE", half, "MAE", "bias%",
                "RMSE", "avg wQL", interval, "train s");
        for (AccuracyEvaluation.Row row : report.rows()) {
            Metrics m = row.metrics();
            out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %9.2f %8.2f %8.2f %8.3f %10.1f %9.1f%n", row.model(), m.wape(),
                    row.wapeFirstHalf(), m.mae(), m.bias(), m.rmse(), m.meanWql(), m.coverage(),
                    seconds(row.trainingTime()));
        }
        for (Map<String, Object> learned : report.learned()) {
            out.println("  learned: " + learned);
        }
        if (!report.ensembleByCohort().isEmpty()) {
            out.printf(Locale.ROOT, "  ensemble by %s (WAPE / bias / coverage / cells):%n", config.cohortAttribute());
            report.ensembleByCohort().forEach((cohort, m) -> out.printf(Locale.ROOT,
                    "    %-24s %7.2f %7.2f %6.1f %6d%n", cohort, m.wape(), m.bias(), m.coverage(), m.cells()));
        }
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }
}
