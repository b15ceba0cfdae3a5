package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
                baselines:
                  knnK: 5
                model:
                  seed: 7
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
        assertThat(config.baselineK()).isEqualTo(5);
        assertThat(config.baselineAttributes()).containsExactly("brand", "department");
        assertThat(config.cohortAttribute()).isEqualTo("brand");
        assertThat(config.model().seed()).isEqualTo(7);
        assertThat(config.model().boosting().rounds()).isEqualTo(20);
        assertThat(config.model().boosting().threads()).isEqualTo(2);
    }

    @Test
    void theBundledConfigurationReadsTheSplitColumn() {
        AccuracyConfig config = AccuracyConfig.read(Path.of("../samples/visuelle/training.yml"));

        assertThat(config.split().column()).isEqualTo("split");
        assertThat(config.split().fitValue()).isEqualTo("train");
        assertThat(config.model().horizon()).isEqualTo(12);
    }
}
