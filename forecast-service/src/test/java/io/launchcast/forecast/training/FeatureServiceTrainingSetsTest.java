package io.launchcast.forecast.training;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.platform.security.SecurityProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pipeline asks the feature-service for its training set with the run's definitions, as the data role. */
class FeatureServiceTrainingSetsTest {

    private static final FeatureDefinitions DEFINITIONS = new FeatureDefinitions(8, Period.WEEK,
            PeriodAnchor.values()[0], List.of("category"), "trend", 52, 8.0, 10.0, List.of(11, 50), true,
            FeatureDefinitions.Knowledge.PERIOD_ENDED, false, List.of("description"));

    private WireMockServer featureService;
    private TrainingSets sets;

    @BeforeEach
    void start() {
        featureService = new WireMockServer(options().dynamicPort());
        featureService.start();
        SecurityProperties security = new SecurityProperties(SecurityProperties.Mode.TOKENS,
                Map.of("data", "data-token-123"), null, "cognito:groups", "launchcast/", List.of());
        sets = new FeatureServiceTrainingSets(new FeatureStoreProperties(URI.create(featureService.baseUrl()), "",
                Duration.ofSeconds(10)), security);
    }

    @AfterEach
    void stop() {
        featureService.stop();
    }

    @Test
    void asksForEveryLaunchOfTheVersionUnderTheRunsDefinitionsAndReadsTheManifest() {
        featureService.stubFor(post("/training-sets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"0123456789abcdef\",\"parquetKey\":\"training-sets/0123456789abcdef/training-set.parquet\","
                        + "\"sha256\":\"0123456789abcdef99\",\"rows\":1178,\"definitionsHash\":\"" + DEFINITIONS.hash()
                        + "\",\"dataset\":\"retail/v1\"}")));

        TrainingSets.ExportedTrainingSet set = sets.launchesOf("retail", "v1", DEFINITIONS);

        assertThat(set).isEqualTo(new TrainingSets.ExportedTrainingSet("0123456789abcdef",
                "training-sets/0123456789abcdef/training-set.parquet", "training-sets/0123456789abcdef/manifest.json",
                "0123456789abcdef99", 1178, DEFINITIONS.hash()));
        featureService.verify(postRequestedFor(urlEqualTo("/training-sets"))
                .withHeader("Authorization", equalTo("Bearer data-token-123")));
        JsonNode sent = JsonMapper.builder().build().readTree(
                featureService.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(sent.get("launchesOf").get("dataset").asString()).isEqualTo("retail");
        assertThat(sent.get("launchesOf").get("version").asString()).isEqualTo("v1");
        // the feature-service rebuilds the definitions from this and must arrive at the same hash
        assertThat(JsonMapper.builder().build().treeToValue(sent.get("definitions"), FeatureDefinitions.class).hash())
                .isEqualTo(DEFINITIONS.hash());
    }

    @Test
    void aProblemFromTheFeatureServiceFailsWithItsDetail() {
        featureService.stubFor(post("/training-sets").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://launchcast.io/problems/unknown-dataset-version\",\"status\":404,"
                        + "\"detail\":\"dataset retail has no published version v9\"}")));

        assertThatThrownBy(() -> sets.launchesOf("retail", "v9", DEFINITIONS))
                .hasMessageContaining("refused the training set of retail v9: 404")
                .hasMessageContaining("dataset retail has no published version v9");
    }

    @Test
    void anUnreachableFeatureStoreSaysWhereItLooked() {
        featureService.stop();

        assertThatThrownBy(() -> sets.launchesOf("retail", "v1", DEFINITIONS))
                .hasMessageContaining("cannot be reached").hasMessageContaining("launchcast.training.feature-store.url");
    }
}
