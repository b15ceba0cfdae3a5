package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.model.ForecastModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SageMaker's training contract: channels and hyperparameters in, a loadable artifact out, failures reported. */
class SageMakerTrainingJobTest {

    static void curatedDataset(Path dir) throws Exception {
        try (var duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("CREATE TABLE products AS SELECT cast(i AS VARCHAR) AS product_id, "
                    + "cast(DATE '2018-01-01' + INTERVAL (3 * i) DAY AS DATE) AS launch_date, 'all' AS region, "
                    + "NULL::DOUBLE AS price, CASE WHEN i < 150 THEN 'train' ELSE 'test' END AS split, "
                    + "['a','b','c'][1 + i % 3] AS attr_category, ['red','blue'][1 + i % 2] AS attr_color FROM range(180) t(i)");
            sql.execute("CREATE TABLE sales AS SELECT p.product_id, 'all' AS region, "
                    + "cast(p.launch_date + INTERVAL (7 * h) DAY AS DATE) AS period_start, "
                    + "cast(20 + (hash(p.product_id) % 17) + (CASE p.attr_category WHEN 'a' THEN 30 ELSE 0 END) - 2 * h AS BIGINT) AS units "
                    + "FROM products p, range(12) w(h)");
            sql.execute("CREATE TABLE signals AS SELECT 'trend' AS signal, term, "
                    + "cast(DATE '2017-01-02' + INTERVAL (7 * w) DAY AS DATE) AS period_start, cast(40 + (w % 9) AS DOUBLE) AS value "
                    + "FROM (VALUES ('a'), ('b'), ('c'), ('red'), ('blue')) t(term), range(150) r(w)");
            for (String table : new String[] {"products", "sales", "signals"}) {
                Files.createDirectories(dir.resolve(table));
                sql.execute("COPY " + table + " TO '" + dir.resolve(table).resolve("part-0.parquet") + "' (FORMAT PARQUET)");
            }
        }
        Files.writeString(dir.resolve("_manifest.json"), "{\"dataset\":\"synthetic\",\"version\":\"1\",\"period\":\"week\","
                + "\"periodAnchor\":\"launch_date\",\"attributes\":[{\"name\":\"category\"},{\"name\":\"color\"}]}");
    }

    static void trainingConfig(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                dataset: unused
                horizon: 12
                quantiles: [0.1, 0.5, 0.9]
                attributes: [category, color]
                split: {column: split, fitValue: train, testValue: test}
                baselines: {knnAttributes: [category, color], knnK: 5, cohortAttribute: category}
                backtest: {enabled: false, origins: 1, step: 4}
                model:
                  seed: 7
                  validationFraction: 0.2
                  analogK: [5, 10]
                  boosting: {rounds: 8, maxDepth: 3, eta: 0.3, subsample: 1.0, colsample: 1.0, minChildWeight: 1, threads: 1}
                """);
    }

    @Test
    void trainsFromTheChannelsAndWritesALoadableArtifact(@TempDir Path root) throws Exception {
        curatedDataset(root.resolve("input/data/train"));
        trainingConfig(root.resolve("input/data/config/training.yml"));
        Files.createDirectories(root.resolve("input/config"));
        Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"rounds\":\"6\",\"seed\":\"11\"}");

        int exit = SageMakerTrainingJob.run(root);

        assertThat(exit).isZero();
        byte[] artifact = Files.readAllBytes(root.resolve("model/model.bin"));
        var header = ForecastModelArtifact.read(artifact).header();
        assertThat(header.get("lineage").toString()).contains("synthetic").contains("seed=11");
        var dataset = new CuratedDatasetReader().read(root.resolve("input/data/train"));
        var evaluation = new AccuracyEvaluation(AccuracyConfig.read(root.resolve("input/data/config/training.yml"))
                .withDataset(root.resolve("input/data/train")), dataset);
        var model = ForecastModelArtifact.load(artifact, LaunchHistory.of(dataset, evaluation.definitions(), p -> true));
        var example = evaluation.splitData().test().get(0);
        var forecast = model.forecast(example, true);
        assertThat(forecast.mean()).hasSize(12);
        for (int h = 0; h < 12; h++) {
            assertThat(forecast.quantiles()[0][h]).isLessThanOrEqualTo(forecast.quantiles()[2][h]);
        }
    }

    @Test
    void reportsAFailureTheWaySageMakerReadsIt(@TempDir Path root) throws Exception {
        trainingConfig(root.resolve("input/data/config/training.yml"));

        int exit = SageMakerTrainingJob.run(root); // no train channel

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(root.resolve("output/failure"))).isNotBlank();
        assertThat(root.resolve("model/model.bin")).doesNotExist();
    }
}
