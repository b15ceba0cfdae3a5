package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.capture.ObjectStoreCaptureSink;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The forecasting API and SageMaker's container contract over HTTP, with data capture. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "launchcast.registry.default-group=serving-it")
class ServingIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String VALID = """
            {"products":[{"productId":"n1","attributes":{"category":"culottes","color":"red"},
              "launchDate":"2026-03-02"}],"quantiles":[0.1,0.5,0.9]}""";

    @LocalServerPort
    int port;
    @Autowired
    ChampionModel champion;
    @Autowired
    ObjectStoreCaptureSink capture;
    @Autowired
    ObjectStore store;

    @BeforeEach
    void serveFixedModel() {
        champion.swap(new FixedCurveServingModel("serving-it/1"));
    }

    private RestClient client() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private ResponseEntity<String> post(String path, String contentType, String accept, String body) {
        return client().post().uri(path).header("Content-Type", contentType).header("Accept", accept)
                .body(body).retrieve().toEntity(String.class);
    }

    @Test
    void forecastAnswersNonCrossingQuantilesExplanationAndModelVersion() {
        ResponseEntity<String> response = post("/forecasts", "application/json", "application/json", VALID);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode forecast = JSON.readTree(response.getBody()).path("forecasts").get(0);
        assertThat(forecast.path("modelVersion").asString()).isEqualTo("serving-it/1");
        assertThat(forecast.path("periods").size()).isEqualTo(12);
        for (JsonNode period : forecast.path("periods")) {
            JsonNode q = period.path("quantiles");
            assertThat(q.path("p10").asDouble()).isLessThanOrEqualTo(q.path("p50").asDouble());
            assertThat(q.path("p50").asDouble()).isLessThanOrEqualTo(q.path("p90").asDouble());
        }
        assertThat(forecast.path("periods").get(1).path("periodStart").asString()).isEqualTo("2026-03-09");
        assertThat(forecast.path("explanation").path("analogs").get(0).path("productId").asString()).isEqualTo("17");
        assertThat(forecast.path("explanation").path("analogs").get(0).path("similarity").asDouble()).isEqualTo(0.9);
        assertThat(forecast.path("explanation").path("drivers").get(0).path("feature").asString())
                .isEqualTo("cohort.category.level");
        assertThat(forecast.path("warnings").size()).isZero();
    }

    @Test
    void swappingModelsUnderConcurrentRequestsFailsNone() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean swapping = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            clients.submit(() -> {
                while (swapping.get()) {
                    ResponseEntity<String> response = post("/forecasts", "application/json", "application/json", VALID);
                    if (response.getStatusCode().value() != 200) {
                        failures.add(response.getStatusCode() + " " + response.getBody());
                    } else {
                        versions.add(JSON.readTree(response.getBody()).path("forecasts").path(0).path("modelVersion")
                                .asString());
                        ok.incrementAndGet();
                    }
                }
                return null;
            });
        }
        // approvals and rollbacks end in this swap; it goes on until enough requests were answered meanwhile, however
        // slowly a loaded machine answers the first ones
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; (i < 100 || ok.get() < 50) && System.nanoTime() < until; i++) {
            champion.swap(new FixedCurveServingModel("serving-it/" + (1 + i % 2)));
            Thread.sleep(10);
        }
        swapping.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThanOrEqualTo(50);
        assertThat(versions).containsExactlyInAnyOrder("serving-it/1", "serving-it/2");
    }

    @Test
    void whileAnApprovedModelLoadsInPlaceOfTheOneLetGoRequestsAreToldToComeBack() {
        champion.release("serving-it/2");

        ResponseEntity<String> response = post("/forecasts", "application/json", "application/json", VALID);
        ResponseEntity<String> ping = client().get().uri("/ping").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.path("type").asString()).endsWith("/model-unavailable");
        assertThat(problem.path("loading").asString()).isEqualTo("serving-it/2");
        assertThat(ping.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anAlarmStartsNoTrainingHereRetrainingIsTheMonitorsPolicy(
            @Autowired java.util.List<io.launchcast.platform.events.EventHandler<?>> handlers) {
        // one incident raised a bias and a coverage alarm at once, and this service started two identical training
        // runs, under the monitor's NOTIFY policy too: its policies (RETRAIN, cool-down) alone decide
        assertThat(handlers).isNotEmpty().noneMatch(h -> h.eventType() == io.launchcast.platform.events.AlarmRaised.class);
    }

    @Test
    void aPublishedVersionOfTheDatasetReachesThisServiceToRefreshTheChampionsData(
            @Autowired java.util.List<io.launchcast.platform.events.EventHandler<?>> handlers,
            @Autowired io.launchcast.platform.events.EventsProperties events) {
        assertThat(handlers).filteredOn(h -> h.eventType() == io.launchcast.platform.events.DatasetPublished.class)
                .singleElement().isInstanceOf(KnowledgeRefresh.class);
        assertThat(events.routes().get("DatasetPublished")).containsAll(events.inbox());
    }

    @Test
    void explanationsCanBeLeftOut() {
        ResponseEntity<String> response = post("/forecasts", "application/json", "application/json",
                VALID.replace("\"quantiles\"", "\"explain\":false,\"quantiles\""));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode forecast = JSON.readTree(response.getBody()).path("forecasts").get(0);
        assertThat(forecast.path("periods")).isNotEmpty();
        assertThat(forecast.path("explanation").path("analogs")).isEmpty();
        assertThat(forecast.path("explanation").path("drivers")).isEmpty();
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        ResponseEntity<String> response = post("/forecasts", "application/json", "application/json", """
                {"products":[{"attributes":{"category":"culottes","colour":"red"},"launchDate":"1999-01-01"},
                             {"attributes":{"category":"culottes"}},
                             {"attributes":{},"launchDate":"2026-01-01","price":-4}],
                 "horizon":40,"quantiles":[0.1,0.99]}""");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        // bean validation runs first: the missing ids and launch date, the negative price
        assertThat(response.getBody()).contains("products[1].launchDate").contains("products[2].price")
                .contains("products[0].productId");

        ResponseEntity<String> model = post("/forecasts", "application/json", "application/json", """
                {"products":[{"productId":"p0","attributes":{"category":"culottes","colour":"red"},"launchDate":"1999-01-01"}],
                 "horizon":40,"quantiles":[0.1,0.99]}""");
        assertThat(model.getStatusCode().value()).isEqualTo(400);
        assertThat(model.getBody()).contains("products[0].attributes.colour").contains("products[0].launchDate")
                .contains("\"field\":\"horizon\"").contains("quantiles[1]");
    }

    @Test
    void aQuantileBetweenTheCalibratedOnesIsAnsweredAndOutsideThemIsAProblem() {
        ResponseEntity<String> between = post("/forecasts", "application/json", "application/json",
                VALID.replace("[0.1,0.5,0.9]", "[0.1,0.25,0.5,0.75,0.9]"));
        ResponseEntity<String> outside = post("/forecasts", "application/json", "application/json",
                VALID.replace("[0.1,0.5,0.9]", "[0.02]"));

        assertThat(between.getStatusCode().value()).as(between.getBody()).isEqualTo(200);
        for (JsonNode period : JSON.readTree(between.getBody()).path("forecasts").get(0).path("periods")) {
            JsonNode q = period.path("quantiles");
            assertThat(q.path("p25").asDouble()).isBetween(q.path("p10").asDouble(), q.path("p50").asDouble());
            assertThat(q.path("p75").asDouble()).isBetween(q.path("p50").asDouble(), q.path("p90").asDouble());
        }
        assertThat(outside.getStatusCode().value()).isEqualTo(400);
        assertThat(outside.getBody()).contains("quantiles[0]").contains("outside the calibrated range");
    }

    @Test
    void unseenAttributeValueIsAcceptedAndFlagged() {
        ResponseEntity<String> response = post("/forecasts", "application/json", "application/json",
                "{\"products\":[{\"productId\":\"p1\",\"attributes\":{\"category\":\"goose-down parka\",\"color\":\"red\"},"
                        + "\"launchDate\":\"2026-03-02\"}]}");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("goose-down parka").contains("never seen in training");
    }

    @Test
    void invocationsSpeakJsonJsonLinesAndCsvOneRecordPerInput() {
        ResponseEntity<String> json = post("/invocations", "application/json", "application/json", VALID);
        ResponseEntity<String> lines = post("/invocations", "application/jsonlines", "application/jsonlines",
                "{\"productId\":\"a\",\"attributes\":{\"category\":\"culottes\"},\"launchDate\":\"2026-03-02\"}\n"
                        + "{\"productId\":\"b\",\"attributes\":{\"color\":\"blue\"},\"launchDate\":\"2026-04-06\"}\n");
        ResponseEntity<String> csv = post("/invocations", "text/csv", "text/csv",
                "a,2026-03-02,culottes,red\nb,2026-04-06,miniskirt,,12.5\n");

        assertThat(json.getStatusCode().value()).isEqualTo(200);
        assertThat(JSON.readTree(json.getBody()).path("predictions").get(0).path("productId").asString()).isEqualTo("n1");
        assertThat(lines.getHeaders().getContentType().toString()).startsWith("application/jsonlines");
        assertThat(lines.getBody().strip().split("\n")).hasSize(2);
        assertThat(JSON.readTree(lines.getBody().strip().split("\n")[1]).path("productId").asString()).isEqualTo("b");
        List<String> rows = List.of(csv.getBody().strip().split("\n"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).split(",")).hasSize(2 + 12 * 4);
        assertThat(rows.get(1)).startsWith("b,serving-it/1,10.0,5.0,10.0,15.0");
    }

    @Test
    void aProductInSeveralRegionsIsRefusedCsvOutputRatherThanLosingAllButOneRegion() {
        String twoRegions = "{\"productId\":\"a\",\"attributes\":{\"category\":\"culottes\"},"
                + "\"launchDate\":\"2026-03-02\",\"regions\":[\"north\",\"south\"]}\n";

        ResponseEntity<String> csv = post("/invocations", "application/jsonlines", "text/csv", twoRegions);
        ResponseEntity<String> lines = post("/invocations", "application/jsonlines", "application/jsonlines", twoRegions);

        assertThat(csv.getStatusCode().value()).isEqualTo(400);
        assertThat(csv.getBody()).contains("record 1 (a) asks for 2 regions").contains("application/jsonlines");
        assertThat(JSON.readTree(lines.getBody()).path("forecasts")).hasSize(2);
    }

    @Test
    void invocationErrorsAreProblemsAndPingFollowsTheModel() {
        ResponseEntity<String> badCsv = post("/invocations", "text/csv", "text/csv", "a,not-a-date,culottes,red\n");
        ResponseEntity<String> badJson = post("/invocations", "application/json", "application/json", "{\"products\":[");
        ResponseEntity<String> unsupported = post("/invocations", "application/xml", "application/json", "<x/>");

        assertThat(badCsv.getStatusCode().value()).isEqualTo(400);
        assertThat(badCsv.getBody()).contains("line 1");
        assertThat(badJson.getStatusCode().value()).isEqualTo(400);
        assertThat(badJson.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unsupported.getStatusCode().value()).isEqualTo(415);
        ResponseEntity<String> ping = client().get().uri("/ping").retrieve().toEntity(String.class);
        assertThat(ping.getStatusCode().value()).isEqualTo(200);
        assertThat(ping.getHeaders().getFirst("X-Launchcast-Model-Version")).as("the version serving, not the"
                + " registry's champion").isEqualTo(champion.get().version());
        assertThat(client().get().uri("/execution-parameters").retrieve().body(String.class)).contains("MULTI_RECORD");
    }

    @Test
    void servesAnOpenApiDocumentWithExamples() {
        String document = client().get().uri("/v3/api-docs").retrieve().body(String.class);

        assertThat(document).contains("/forecasts").contains("/invocations").contains("SS27-0042");
    }

    @Test
    void inferencesAreCapturedInSageMakersLayout() {
        post("/forecasts", "application/json", "application/json", VALID);

        capture.flushAll();

        // written off the request path: by flushAll, or by the flusher within its interval
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> !store.list("capture/launchcast-forecast/AllTraffic/").isEmpty());
        List<ObjectSummary> objects = store.list("capture/launchcast-forecast/AllTraffic/");
        String content = new String(store.read(objects.get(objects.size() - 1).key()), StandardCharsets.UTF_8);
        JsonNode line = JSON.readTree(content.split("\n")[0]);
        assertThat(line.path("captureData").path("endpointInput").path("data").asString()).contains("productId");
        assertThat(line.path("captureData").path("endpointOutput").path("mode").asString()).isEqualTo("OUTPUT");
        assertThat(line.path("eventMetadata").path("inferenceId").asString()).isNotBlank();
        assertThat(objects.get(0).key()).matches("capture/launchcast-forecast/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/.*\\.jsonl");
    }
}
