package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.forecast.model.ModelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsAMonthlyRetailerWithALaunchDateCutoff() throws Exception {
        Path file = dir.resolve("shop.yml");
        Files.writeString(file, """
                dataset: /data/shop/v=3
                horizon: 6
                quantiles: [0.9, 0.05, 0.5]
                attributes: [brand, department]
                split:
                  cutoff: 2024-01-01
                  alsoReport: [2024-03-04]
                baselines:
                  knnK: 5
                model:
                  seed: 7
                  validationFoldDates: 3
                  boosting:
                    rounds: 20
                """);

        AccuracyConfig config = AccuracyConfig.read(file);

        assertThat(config.dataset()).isEqualTo(Path.of("/data/shop/v=3"));
        assertThat(config.model().horizon()).isEqualTo(6);
        assertThat(config.model().quantiles()).containsExactly(0.05, 0.5, 0.9);
        assertThat(config.model().attributes()).containsExactly("brand", "department");
        assertThat(config.split().column()).isNull();
        assertThat(config.split().cutoff()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(config.split().alsoReport()).containsExactly(LocalDate.of(2024, 3, 4));
        AccuracyConfig.Split late = config.withSplit(config.split().atCutoff(LocalDate.of(2024, 3, 4))).split();
        assertThat(late.cutoff()).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(late.alsoReport()).isEmpty();
        assertThat(config.baselineK()).isEqualTo(5);
        assertThat(config.baselineAttributes()).containsExactly("brand", "department");
        assertThat(config.cohortAttribute()).isEqualTo("brand");
        assertThat(config.model().seed()).isEqualTo(7);
        assertThat(config.model().boosting().rounds()).isEqualTo(20);
        assertThat(config.model().boosting().threads()).isEqualTo(2);
        assertThat(config.model().validation()).isEqualTo(new ModelSettings.Validation(0.15, 2, 50, 3, 100, 200));
    }

    @Test
    void anUnknownKeyOrAWrongTypeIsAnErrorNamingTheKeyAndItsLine() throws Exception {
        Path file = dir.resolve("typo.yml");
        Files.writeString(file, """
                horizon: 8
                attributes: []
                split:
                  cutoff: 2011-07-04
                model:
                  boosting:
                    round: 20
                """);
        Path wrongType = dir.resolve("type.yml");
        Files.writeString(wrongType, """
                horizon: eight
                attributes: []
                split: {cutoff: 2011-07-04}
                """);

        assertThatThrownBy(() -> AccuracyConfig.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.boosting").hasMessageContaining("line 7")
                .hasMessageContaining("unknown key 'round'");
        assertThatThrownBy(() -> AccuracyConfig.read(wrongType)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon").hasMessageContaining("line 1");
    }

    @Test
    void aQuantileLevelOutsideZeroToOneOrRepeatedIsRefusedBeforeAnyTraining() throws Exception {
        // [1.5] used to train every model and then fail with an index out of bounds while calibrating
        for (String levels : new String[] {"[1.5]", "[0, 0.5]", "[0.1, 0.1, 0.9]", "[]"}) {
            Path file = dir.resolve("quantiles.yml");
            Files.writeString(file, "quantiles: " + levels + "\nattributes: []\nsplit: {cutoff: 2011-07-04}\n");

            assertThatThrownBy(() -> AccuracyConfig.read(file)).as(levels)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("quantiles: ").hasMessageContaining("distinct levels between 0 and 1");
        }
    }

    @Test
    void aCountOfZeroIsRefusedNotAnEmptyResult() throws Exception {
        // a backtest with step 0 scored no launch and printed its empty table
        String split = "attributes: []\nsplit: {cutoff: 2011-07-04}\n";
        for (String[] c : new String[][] {{"horizon: 0\n", "horizon: 0"}, {"backtest: {step: 0}\n", "backtest.step: 0"},
                {"backtest: {origins: 0}\n", "backtest.origins: 0"}, {"baselines: {knnK: 0}\n", "baselines.knnK: 0"}}) {
            Path file = dir.resolve("counts.yml");
            Files.writeString(file, split + c[0]);

            assertThatThrownBy(() -> AccuracyConfig.read(file)).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1] + ": must be at least 1");
        }
        Path disabled = dir.resolve("disabled.yml");
        Files.writeString(disabled, split + "backtest: {enabled: false, step: 0}\n");
        assertThat(AccuracyConfig.read(disabled).backtest().enabled()).isFalse();
    }

    @Test
    void aDataSetWithoutCategoricalAttributesHasNoCohortBaseline() throws Exception {
        Path file = dir.resolve("text-only.yml");
        Files.writeString(file, "horizon: 8\nattributes: []\nsplit: {cutoff: 2011-07-04}\n");

        AccuracyConfig config = AccuracyConfig.read(file);

        assertThat(config.cohortAttribute()).isNull();
        assertThat(config.baselineAttributes()).isEmpty();
    }

    @Test
    void aFileWithoutAttributesTakesTheMappingsCategoricalOnesAndTheBaselinesFollowUnlessGivenTheirOwn()
            throws Exception {
        Path file = dir.resolve("minimal.yml");
        Files.writeString(file, "horizon: 8\nsplit: {cutoff: 2020-05-04}\nbaselines: {cohortAttribute: colour}\n");
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("product_type", "description", "colour", "weight"), List.of("description"), List.of("weight"),
                "0".repeat(64));

        AccuracyConfig config = AccuracyConfig.read(file).resolvedFor(manifest);

        assertThat(config.model().attributes()).as("free text and numbers are features of their own")
                .containsExactly("product_type", "colour");
        assertThat(config.baselineAttributes()).containsExactly("product_type", "colour");
        assertThat(config.cohortAttribute()).as("given its own").isEqualTo("colour");
        Path empty = dir.resolve("empty-list.yml");
        Files.writeString(empty, "horizon: 8\nattributes: []\nsplit: {cutoff: 2020-05-04}\n");
        AccuracyConfig listed = AccuracyConfig.read(empty).resolvedFor(manifest);
        assertThat(listed.model().attributes()).as("a list, even an empty one, is kept").isEmpty();
    }

    @Test
    void theBundledConfigurationReadsTheSplitColumn() {
        AccuracyConfig config = AccuracyConfig.read(Path.of("../samples/visuelle/training.yml"));

        assertThat(config.split().column()).isEqualTo("split");
        assertThat(config.split().fitValue()).isEqualTo("train");
        assertThat(config.model().horizon()).isEqualTo(12);
    }

    /** Nothing is tuned to one retailer: every bundled data project trains with the same model settings. */
    @Test
    void theBundledDataProjectsShareOneModelConfiguration() throws Exception {
        List<Path> projects;
        try (var folders = Files.list(Path.of("../samples"))) {
            projects = folders.filter(f -> Files.isRegularFile(f.resolve("training.yml"))).sorted().toList();
        }
        assertThat(projects).hasSizeGreaterThan(1);
        List<ModelSettings> settings = projects.stream()
                .map(p -> AccuracyConfig.read(p.resolve("training.yml")).model())
                .map(m -> new ModelSettings(0, List.of(), List.of(), m.seed(), m.validation(),
                        m.analogK(), m.boosting()))
                .toList();
        assertThat(settings).allSatisfy(m -> assertThat(m).isEqualTo(settings.get(0)));
    }
}
