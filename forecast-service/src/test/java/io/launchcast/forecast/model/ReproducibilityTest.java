package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    private static byte[] trainAndSerialize(SyntheticLaunches data, long seed) {
        ForecastTrainer.Result result = new ForecastTrainer(SyntheticLaunches.settings(seed)).train(data.fit,
                data.history, SyntheticLaunches.baselines());
        TrainingLineage lineage = new TrainingLineage("synthetic", "1", data.dataset.manifest().sha256(),
                "launch-features/1.0", data.definitions.hash(), 0, Map.of(), "test"); // the seed must show in the model itself
        return ForecastModelArtifact.write(result, lineage);
    }

    @Test
    void sameInputsAndSeedGiveByteIdenticalModels() {
        SyntheticLaunches data = new SyntheticLaunches(300, 260, 5);

        byte[] first = trainAndSerialize(data, 7);
        byte[] second = trainAndSerialize(new SyntheticLaunches(300, 260, 5), 7);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesAnotherModel() {
        SyntheticLaunches data = new SyntheticLaunches(300, 260, 5);

        assertThat(trainAndSerialize(data, 8)).isNotEqualTo(trainAndSerialize(data, 7));
    }
}
