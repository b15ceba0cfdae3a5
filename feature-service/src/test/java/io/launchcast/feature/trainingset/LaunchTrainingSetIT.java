package io.launchcast.feature.trainingset;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.sync.SyntheticCuratedDataset;
import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.LaunchPlan;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.trainingset.TrainingSetReader;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training run's training set from the feature store: every launch of a dataset version, with the features
 * computed under the run's own definitions, equal to what the shared library computes in process.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LaunchTrainingSetIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ObjectStore store;
    @TempDir
    Path work;

    private ResponseEntity<String> post(String body) {
        return TestTokens.builder(port, "data").defaultStatusHandler(status -> true, (request, response) -> { })
                .build().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class);
    }

    @Test
    void theLaunchesOfAVersionUnderARunsOwnDefinitionsEqualTheInProcessFeatures() throws Exception {
        // launched in 2015: other tests select 2018's launches from the same store
        SyntheticCuratedDataset.publish(store, "own-definitions", "1", 60, LocalDate.of(2015, 1, 5));
        Path local = work.resolve("curated");
        ObjectStoreMirror.mirror(store, "curated/own-definitions/v=1/", local);
        CuratedDataset curated = new CuratedDatasetReader().read(local);
        // not the service's configuration (horizon 12, every attribute): a run's own horizon and attribute list
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(curated.manifest(), 6)
                .withAttributes(List.of("category")).withLaunchPlan(true);
        String request = "{\"launchesOf\":{\"dataset\":\"own-definitions\",\"version\":\"1\"},\"definitions\":"
                + JSON.writeValueAsString(definitions) + "}";

        ResponseEntity<String> created = post(request);
        ResponseEntity<String> again = post(request);
        // the service's configured definitions for the same version: other rows of the same store
        ResponseEntity<String> configured = post("{\"launchesOf\":{\"dataset\":\"own-definitions\",\"version\":\"1\"}}");

        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode set = JSON.readTree(created.getBody());
        assertThat(set.get("rows").asLong()).isEqualTo(60);
        assertThat(set.get("definitionsHash").asString()).isEqualTo(definitions.hash());
        assertThat(set.get("dataset").asString()).isEqualTo("own-definitions/1");
        assertThat(store.list("features/sync/own-definitions/1/")).as("one completion record per definitions")
                .hasSize(2);
        assertThat(JSON.readTree(again.getBody()).get("sha256").asString()).as("computed once, exported the same")
                .isEqualTo(set.get("sha256").asString());
        assertThat(JSON.readTree(configured.getBody()).get("definitionsHash").asString())
                .isNotEqualTo(definitions.hash());

        Path parquet = Files.write(work.resolve("set.parquet"), store.read(set.get("parquetKey").asString()));
        Map<String, LaunchFeatures> fromStore = TrainingSetReader.read(parquet, definitions.hash());
        LaunchHistory history = LaunchHistory.of(curated, definitions, p -> true);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history,
                SignalHistory.of(curated, definitions.signalFamily()), new LaunchPlan(curated.products(), definitions));
        assertThat(fromStore).hasSize(60);
        for (Product product : curated.products()) {
            LaunchFeatures expected = computer.compute(product, product.launchDate());
            LaunchFeatures actual = fromStore.get(product.id());
            assertThat(actual.asOf()).isEqualTo(product.launchDate());
            assertThat(actual.categorical()).as(product.id()).isEqualTo(expected.categorical());
            assertThat(actual.numeric()).as(product.id()).isEqualTo(withoutNaN(expected.numeric()));
        }
        assertThat(fromStore.get("30").numeric()).as("the run's horizon and attributes, not the service's")
                .containsKeys("cohort.category.level", "plan.launches").doesNotContainKey("cohort.color.level");
    }

    @Test
    void anUnpublishedVersionIsAProblemNotAnError() {
        ResponseEntity<String> response = post("{\"launchesOf\":{\"dataset\":\"never\",\"version\":\"1\"}}");

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).contains("unknown-dataset-version").contains("never");
    }

    @Test
    void definitionsNamingAnAttributeTheDatasetLacksAreAProblemNotFeaturesOfNothing() throws Exception {
        SyntheticCuratedDataset.publish(store, "misspelt-attribute", "1", 10, LocalDate.of(2014, 1, 6));
        Path local = work.resolve("curated");
        ObjectStoreMirror.mirror(store, "curated/misspelt-attribute/v=1/", local);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(new CuratedDatasetReader().read(local)
                .manifest(), 6).withAttributes(List.of("colour"));

        ResponseEntity<String> response = post("{\"launchesOf\":{\"dataset\":\"misspelt-attribute\",\"version\":"
                + "\"1\"},\"definitions\":" + JSON.writeValueAsString(definitions) + "}");

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody()).contains("unknown-attribute").contains("colour is not an attribute");
        assertThat(store.list("features/sync/misspelt-attribute/")).isEmpty();
    }

    /** A value that is not a number is missing to every model; the store keeps it as missing. */
    private static Map<String, Double> withoutNaN(Map<String, Double> numeric) {
        Map<String, Double> out = new LinkedHashMap<>();
        numeric.forEach((name, value) -> {
            if (!value.isNaN()) {
                out.put(name, value);
            }
        });
        return out;
    }
}
