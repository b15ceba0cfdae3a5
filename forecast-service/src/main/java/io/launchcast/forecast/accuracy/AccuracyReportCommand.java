package io.launchcast.forecast.accuracy;

import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.evaluation.Metrics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the accuracy tables: {@code AccuracyReportCommand <config.yml> [--dataset DIR] [--protocols
 * split,backtest,small] [--markdown FILE]} ({@code small}: the split trained on {@value #SMALL_DATA_LAUNCHES} of
 * the fit launches, see {@link AccuracyEvaluation#smallData}). The configuration says everything dataset-specific; the dataset is any
 * curated version directory. With {@code --markdown}, the same tables are also written to FILE as a Markdown
 * section ({@code accuracy.sh --all} joins the sections of every bundled project into {@code docs/accuracy.md}).
 * {@code --max-fit-launches} and {@code --max-test-launches} (default {@value #DEFAULT_MAX_LAUNCHES} each, as the
 * training pipeline) bound the configured split's launches, each backtest origin's and the small-data protocol's
 * test launches; above them it trains and scores on reproducible, time-stratified samples and says so.
 */
public final class AccuracyReportCommand {

    /** Fit launches of the small-data protocol: the small retailer issue 13 asks a model to serve. */
    static final int SMALL_DATA_LAUNCHES = 200;
    /**
     * The most fit and test launches the configured split trains and scores on unless told otherwise: the training
     * pipeline's {@code launchcast.training.max-fit-launches} and {@code max-test-launches} defaults, so that the
     * table shows what the pipeline would register on a large version, in the time it would take.
     */
    static final int DEFAULT_MAX_LAUNCHES = 10_000;

    private AccuracyReportCommand() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            // a configuration that does not fit the data: its message says what to change, a stack trace would not
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: AccuracyReportCommand <config.yml> [--dataset DIR] [--protocols split,backtest,small]"
                    + " [--markdown FILE] [--max-fit-launches N] [--max-test-launches N]");
            System.exit(2);
        }
        AccuracyConfig config = AccuracyConfig.read(Path.of(args[0]));
        String protocols = "split,backtest";
        Path markdown = null;
        int maxFit = DEFAULT_MAX_LAUNCHES;
        int maxTest = DEFAULT_MAX_LAUNCHES;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dataset" -> config = config.withDataset(Path.of(args[i + 1]));
                case "--protocols" -> protocols = args[i + 1];
                case "--markdown" -> markdown = Path.of(args[i + 1]);
                case "--max-fit-launches" -> maxFit = count(args[i], args[i + 1]);
                case "--max-test-launches" -> maxTest = count(args[i], args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        // the sales stay on disk and are streamed each time a history is built, as in the pipeline: a large
        // version's rows as objects would take most of the heap
        CuratedVersion dataset = new CuratedDatasetReader().open(config.dataset());
        out.printf(Locale.ROOT, "dataset %s version %s (manifest sha256 %s): %d products, %d signal rows (sales "
                        + "streamed from disk), read in %.1f s%n", dataset.manifest().dataset(),
                dataset.manifest().version(), dataset.manifest().sha256().substring(0, 12), dataset.products().size(),
                dataset.signals().size(), (System.nanoTime() - t0) / 1e9);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(config, dataset, maxFit, maxTest);
        config = evaluation.config(); // with the attributes a file that lists none takes from the mapping
        out.printf(Locale.ROOT, "features %s (sha256 %s), horizon %d %ss, quantiles %s, seed %d%n",
                io.launchcast.features.compute.FeatureDefinitions.VERSION,
                evaluation.definitions().hash().substring(0, 12), config.model().horizon(),
                evaluation.definitions().period().name().toLowerCase(Locale.ROOT), config.model().quantiles(),
                config.model().seed());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "## %s%n%nConfiguration `%s`; dataset version `%s` (manifest sha256 `%s`), %d products; features `%s`; "
                        + "horizon %d %ss; seed %d.%n", dataset.manifest().dataset(), args[0],
                dataset.manifest().version(), dataset.manifest().sha256().substring(0, 12), dataset.products().size(),
                evaluation.definitions().hash().substring(0, 12), config.model().horizon(),
                evaluation.definitions().period().name().toLowerCase(Locale.ROOT), config.model().seed()));
        for (String protocol : protocols.split(",")) {
            List<AccuracyEvaluation.Report> reports = switch (protocol.trim()) {
                case "split" -> splits(config, dataset, evaluation, maxFit, maxTest);
                case "backtest" -> List.of(evaluation.backtest());
                case "small" -> List.of(evaluation.smallData(SMALL_DATA_LAUNCHES));
                default -> throw new IllegalArgumentException("unknown protocol " + protocol);
            };
            for (AccuracyEvaluation.Report report : reports) {
                print(report, config, out);
                markdown(report, config, md);
            }
        }
        if (markdown != null) {
            try {
                Files.writeString(markdown, md);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + markdown, e);
            }
        }
    }

    private static int count(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " " + value + ": a whole number of launches, at least 1");
    }

    /** The configured split, then each further cutoff the configuration asks to report, evaluated alike. */
    private static List<AccuracyEvaluation.Report> splits(AccuracyConfig config, CuratedVersion dataset,
            AccuracyEvaluation evaluation, int maxFit, int maxTest) {
        List<AccuracyEvaluation.Report> reports = new ArrayList<>(List.of(evaluation.split()));
        for (LocalDate cutoff : config.split().alsoReport()) {
            AccuracyEvaluation.Report later = new AccuracyEvaluation(config.withSplit(config.split().atCutoff(cutoff)),
                    dataset, maxFit, maxTest).split();
            reports.add(new AccuracyEvaluation.Report("split at " + cutoff, later.description(), later.rows(),
                    later.learned(), later.ensembleByCohort(), later.featureTime()));
        }
        return reports;
    }

    /**
     * The report as a Markdown table: every candidate and baseline, the candidate the selection chose marked
     * (the {@code ensemble} row is what the pipeline registers: that candidate, or a blend).
     */
    static void markdown(AccuracyEvaluation.Report report, AccuracyConfig config, StringBuilder md) {
        var q = config.model().quantiles();
        String half = "WAPE@" + (config.model().horizon() + 1) / 2;
        Object chosen = chosen(report);
        md.append(String.format(Locale.ROOT, "%n### %s%n%n%s (features %.1f s)%n%n", report.protocol(),
                report.description(), report.featureTime().toMillis() / 1000.0));
        md.append(String.format(Locale.ROOT, "| model | WAPE | %s | MAE | bias %% | mean wQL | wQL %s | p%d-p%d "
                + "coverage %% | train s |%n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n", half,
                q.stream().map(l -> "p" + Math.round(l * 100)).collect(java.util.stream.Collectors.joining(" / ")),
                Math.round(q.get(0) * 100), Math.round(q.get(q.size() - 1) * 100)));
        for (AccuracyEvaluation.Row row : report.rows()) {
            Metrics m = row.metrics();
            String name = row.model().equals("ensemble") ? "**registered** (selection: " + chosen + ")"
                    : row.model().equals(chosen) ? row.model() + " (chosen)" : row.model();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.3f | %s | %.1f | %.1f |%n",
                    name, m.wape(), row.wapeFirstHalf(), m.mae(), m.bias(), m.meanWql(), wqlByLevel(m, false),
                    m.coverage(), seconds(row.trainingTime())));
        }
        String margin = marginOverBaselines(report);
        if (margin != null) {
            md.append(String.format(Locale.ROOT, "%n%s%n", margin));
        }
        if (report.learned().size() > 1) {
            md.append(String.format(Locale.ROOT, "%nChosen per origin, on validation:%n%n"));
            for (Map<String, Object> l : report.learned()) {
                md.append(String.format(Locale.ROOT, "- %s (%s fit, %s test launches): %s%n", l.get("origin"),
                        l.get("fit"), l.get("test"), l.containsKey("skipped") ? "not scored, " + l.get("skipped")
                                : why(l)));
            }
        } else if (report.learned().size() == 1 && report.learned().get(0).containsKey("selection.reason")) {
            // why the registered row is what it is: the figures validation had, none of the table's
            md.append(String.format(Locale.ROOT, "%nChosen on validation: %s%n", why(report.learned().get(0))));
        }
    }

    /** The candidate validation chose, or {@code per origin} when the backtest's origins chose differently. */
    private static Object chosen(AccuracyEvaluation.Report report) {
        List<Object> chosenPerRun = report.learned().stream().filter(l -> !l.containsKey("skipped"))
                .map(l -> l.get("selection.chosen")).toList();
        return chosenPerRun.stream().distinct().count() == 1 ? chosenPerRun.get(0) : "per origin";
    }

    /** The candidate validation chose and why, and how its intervals were made. */
    private static String why(Map<String, Object> learned) {
        Object intervals = learned.get("intervals.reason");
        return learned.get("selection.reason") + (intervals == null ? "" : "; " + intervals);
    }

    static void print(AccuracyEvaluation.Report report, AccuracyConfig config, PrintStream out) {
        var q = config.model().quantiles();
        String interval = String.format(Locale.ROOT, "p%d-p%d cov", Math.round(q.get(0) * 100),
                Math.round(q.get(q.size() - 1) * 100));
        out.printf(Locale.ROOT, "%n== %s: %s (features %.1f s)%n", report.protocol(), report.description(),
                report.featureTime().toMillis() / 1000.0);
        String half = "WAPE@" + (config.model().horizon() + 1) / 2;
        // a cohort baseline is named after its attribute ("product_group_name-mean-curve"): as wide as the longest
        String registered = "registered (" + chosen(report) + ")";
        String name = "%-" + Math.max(registered.length(), Math.max(22,
                report.rows().stream().mapToInt(r -> r.model().length()).max().orElse(0))) + "s";
        out.printf(Locale.ROOT, name + " %8s %8s %9s %8s %8s %8s %10s %9s  %s%n", "model", "WAPE", half, "MAE", "bias%",
                "RMSE", "avg wQL", interval, "train s", "wQL by level");
        for (AccuracyEvaluation.Row row : report.rows()) {
            Metrics m = row.metrics();
            out.printf(Locale.ROOT, name + " %8.2f %8.2f %9.2f %8.2f %8.2f %8.3f %10.1f %9.1f  %s%n",
                    row.model().equals("ensemble") ? registered : row.model(),
                    m.wape(), row.wapeFirstHalf(), m.mae(), m.bias(), m.rmse(), m.meanWql(), m.coverage(),
                    seconds(row.trainingTime()), wqlByLevel(m, true));
        }
        String margin = marginOverBaselines(report);
        if (margin != null) {
            out.println("  " + margin);
        }
        for (Map<String, Object> learned : report.learned()) {
            out.println("  learned: " + learned);
        }
        if (!report.ensembleByCohort().isEmpty()) {
            out.printf(Locale.ROOT, "  registered by %s (WAPE / bias / coverage / cells):%n", config.cohortAttribute());
            // as wide as the longest cohort name: a retailer's category names run to 30 characters and more
            int width = report.ensembleByCohort().keySet().stream().mapToInt(String::length).max().orElse(0);
            String line = "    %-" + Math.max(24, width) + "s %7.2f %7.2f %6.1f %6d%n";
            report.ensembleByCohort().forEach((cohort, m) -> out.printf(Locale.ROOT, line, cohort, m.wape(), m.bias(),
                    m.coverage(), m.cells()));
        }
    }

    /**
     * How the registered model's WAPE compares with the best baseline's, relative to the latter (null without
     * both rows).
     */
    static String marginOverBaselines(AccuracyEvaluation.Report report) {
        AccuracyEvaluation.Row registered = report.rows().stream().filter(r -> r.model().equals("ensemble"))
                .findFirst().orElse(null);
        AccuracyEvaluation.Row best = report.rows().stream().filter(AccuracyEvaluation.Row::baseline)
                .min(java.util.Comparator.comparingDouble(r -> r.metrics().wape())).orElse(null);
        if (registered == null || best == null) {
            return null;
        }
        double relative = 100 * (best.metrics().wape() - registered.metrics().wape()) / best.metrics().wape();
        return String.format(Locale.ROOT, "Registered WAPE %.2f: %.1f %% %s the best baseline's (%s, %.2f).",
                registered.metrics().wape(), Math.abs(relative), relative >= 0 ? "below" : "above",
                best.model(), best.metrics().wape());
    }

    /** The weighted quantile loss of each level, ascending ({@code named}: each with its level). */
    private static String wqlByLevel(Metrics m, boolean named) {
        return m.wql().entrySet().stream().map(e -> named
                ? String.format(Locale.ROOT, "p%d %.3f", Math.round(e.getKey() * 100), e.getValue())
                : String.format(Locale.ROOT, "%.3f", e.getValue()))
                .collect(java.util.stream.Collectors.joining(named ? ", " : " / "));
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }
}
