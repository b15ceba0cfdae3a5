package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.ingestion.folder.IngestFolderCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's small retailer on real data: the bundled VISUELLE project ingested through its mapping, a model
 * trained on 200 of its fit launches (nothing else in the history), scored on the official test launches.
 */
class SmallDataAccuracyIT {

    @Test
    void aModelTrainedOnTwoHundredLaunchesIsNoWorseThanTheMeanCurve(@TempDir Path work) throws Exception {
        Path project = Path.of("../samples/visuelle");
        Path version = IngestFolderCommand.ingest(project, work, System.out);
        AccuracyConfig config = AccuracyConfig.read(project.resolve("training.yml")).withDataset(version);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(config, new CuratedDatasetReader().read(version));

        AccuracyEvaluation.Report report = evaluation.smallData(AccuracyReportCommand.SMALL_DATA_LAUNCHES);

        AccuracyReportCommand.print(report, config, System.out);
        double registered = wape(report, "ensemble");
        String chosen = String.valueOf(report.learned().get(0).get("selection.chosen"));
        assertThat(report.description()).contains("trained on 200 of the");
        assertThat(registered).as("registered (%s) against the mean curve of the same 200 launches", chosen)
                .isLessThanOrEqualTo(wape(report, "mean-curve"));
        assertThat(registered).as("registered (%s) against the mean curve of all fit launches", chosen)
                .isLessThanOrEqualTo((Double) report.learned().get(0).get("allFitLaunches.meanCurve.wape"));
    }

    private static double wape(AccuracyEvaluation.Report report, String model) {
        return report.rows().stream().filter(r -> r.model().equals(model)).findFirst().orElseThrow().metrics().wape();
    }
}
