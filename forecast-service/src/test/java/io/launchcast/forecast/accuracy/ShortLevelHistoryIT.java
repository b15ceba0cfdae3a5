package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.ingestion.folder.IngestFolderCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's second retailer: few launches, monthly, a level that rises through the year. The bundled Online
 * Retail project's files, mapped by month (its mapping with {@code period: month}), trained on the launches before
 * July 2011: five launch months, two of them validation folds. Learning relative to the level curve, the boosted
 * model's validation error was absurd (160 WAPE against the median curve's 99) and it got no weight; it is
 * trained on the plain target instead (ADR 0151).
 */
class ShortLevelHistoryIT {

    private static final String TRAINING = """
            horizon: 3
            quantiles: [0.1, 0.5, 0.9]
            attributes: []
            split:
              cutoff: 2011-07-01
            baselines:
              knnAttributes: []
            backtest:
              enabled: false
            """;

    @Test
    void aBoostedModelAbsurdRelativeToTheLevelCurveLearnsThePlainTarget(@TempDir Path work) throws Exception {
        Path bundled = Path.of("../samples/online-retail");
        Path project = Files.createDirectories(work.resolve("monthly"));
        String mapping = Files.readString(bundled.resolve("mapping.yml"))
                .replaceFirst("(?m)^period: .*$", "period: month")
                .replaceFirst("(?m)^complete-until: .*$", "complete-until: 2011-11-30");
        Files.writeString(project.resolve("mapping.yml"), mapping);
        Files.writeString(project.resolve("training.yml"), TRAINING);
        Path days = Files.createDirectories(project.resolve("by-day"));
        try (Stream<Path> files = Files.list(bundled.resolve("by-day"))) {
            for (Path file : files.toList()) {
                Files.copy(file, days.resolve(file.getFileName().toString()));
            }
        }
        Path version = IngestFolderCommand.ingest(project, work.resolve("out"), System.out);
        AccuracyConfig config = AccuracyConfig.read(project.resolve("training.yml")).withDataset(version);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(config, new CuratedDatasetReader().read(version));

        AccuracyEvaluation.Report report = evaluation.split();

        AccuracyReportCommand.print(report, config, System.out);
        Map<String, Object> learned = report.learned().get(0);
        assertThat(learned.get("boosted.levelOffset")).isEqualTo(false);
        assertThat(String.valueOf(learned.get("boosted.levelOffsetDropped")))
                .contains("relative to the level curve, above 1.5 times the best simple candidate's");
        @SuppressWarnings("unchecked")
        Map<String, Double> validation = (Map<String, Double>) learned.get("validation.wape");
        double bestSimple = Stream.of("level-curve", "mean-curve", "median-curve").mapToDouble(validation::get).min()
                .orElseThrow();
        assertThat(validation.get("boosted")).as("the boosted model's validation WAPE, trained on the plain target")
                .isLessThanOrEqualTo(1.5 * bestSimple);
    }
}
