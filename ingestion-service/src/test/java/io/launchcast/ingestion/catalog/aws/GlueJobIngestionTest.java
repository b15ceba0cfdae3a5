package io.launchcast.ingestion.catalog.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.TransformDefinition;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.ingestion.run.IngestionJob;
import io.launchcast.ingestion.run.IngestionProperties;
import io.launchcast.ingestion.run.IngestionRequest;
import io.launchcast.ingestion.run.IngestionRun;
import io.launchcast.ingestion.run.IngestionService;
import io.launchcast.ingestion.run.RunRepository;
import io.launchcast.ingestion.run.RunState;
import io.launchcast.ingestion.testing.InMemoryObjectStore;
import io.launchcast.ingestion.testing.RecordingEventPublisher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A run of a mapping configured for a Glue job, through the service: the real SDK {@code GlueClient} against a
 * local HTTP server that answers StartJobRun and GetJobRun. On StartJobRun the server also does what the
 * job's script does (docs/adr/0006): it reads the staging Parquet at {@code --staging-uri}, runs the SELECTs of
 * {@code --transform-sql} and writes the tables, partitioned as Spark's {@code partitionBy} does, under
 * {@code --output-uri}.
 */
class GlueJobIngestionTest {

    static final Path SAMPLE = Path.of("../samples/visuelle");
    static final String VISUELLE_HASH = "58c910299b5f30f80c0e1cb287e28dae5c5b79070d787b7cc4db680b472f7897";

    @TempDir
    Path temp;

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final RunRepository runs = new RunRepository(store);
    final DatasetRepository datasets = new DatasetRepository(store);
    /** The run's job state as stored while Glue still said RUNNING. */
    final List<String> jobStatesSeenWhileRunning = new CopyOnWriteArrayList<>();
    GlueStub glue;
    IngestionService service;

    @BeforeEach
    void start() throws Exception {
        glue = new GlueStub(new JobScript());
        var jobs = new GlueTransformJobs(glue.client, new CatalogProperties.Job("launchcast-transform", Map.of(),
                Duration.ofMillis(20), Duration.ofMinutes(5)));
        var properties = new IngestionProperties(List.of(), temp.resolve("work"), new IngestionProperties.DuckDb("512MB", 2),
                Duration.ofSeconds(1), 100, Map.of(), false, 65536);
        var job = new IngestionJob(store, runs, datasets, new ManifestDatasetCatalog(), jobs, events, properties,
                Clock.systemUTC());
        service = new IngestionService(MappingRepository.of(MappingReader.read(
                Files.readString(SAMPLE.resolve("mapping.yml")), "visuelle")), store, runs, job, Clock.systemUTC());
        for (String file : new String[] {"train.csv", "test.csv", "gtrends.csv"}) {
            store.put("landing/visuelle/drop/" + file, SAMPLE.resolve(file), "text/csv");
        }
    }

    @AfterEach
    void stop() {
        service.close();
        glue.close();
    }

    @Test
    void startsTheGlueJobWithTheMappingFollowsItAndPublishesItsOutput() throws Exception {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_42\"}");
        jobRunAnswers("{\"JobRun\":{\"Id\":\"jr_42\",\"JobRunState\":\"SUCCEEDED\"}}");

        IngestionRun run = service.runNow(new IngestionRequest("visuelle", List.of("s3://test-bucket/landing/visuelle/drop/")));

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(glue.operations()).containsExactly("StartJobRun", "GetJobRun", "GetJobRun", "GetJobRun");
        JsonNode start = glue.bodies("StartJobRun").get(0);
        assertThat(start.get("JobName").asString()).isEqualTo("launchcast-transform");
        assertThat(start.at("/Arguments/--launchcast-run-id").asString()).isEqualTo(run.id());
        JsonNode mapping = GlueStub.JSON.readTree(start.at("/Arguments/--mapping").asString());
        assertThat(mapping.get("name").asString()).isEqualTo("visuelle");
        assertThat(mapping.get("version").asInt()).isEqualTo(run.mappingVersion());
        assertThat(mapping.get("sha256").asString()).hasSize(64);
        assertThat(mapping.get("period").asString()).isEqualTo("week");
        assertThat(mapping.at("/attributes/attr_category").asString()).isEqualTo("STRING");
        assertThat(start.at("/Arguments/--staging-uri").asString())
                .isEqualTo("s3://test-bucket/ingestion/jobs/" + run.id() + "/staging/");
        assertThat(start.at("/Arguments/--output-uri").asString())
                .isEqualTo("s3://test-bucket/ingestion/jobs/" + run.id() + "/output/");
        assertThat(start.at("/Arguments/--transform-sql").asString()).isEqualTo(TransformDefinition.load().text());
        assertThat(glue.bodies("GetJobRun")).allSatisfy(poll -> {
            assertThat(poll.get("JobName").asString()).isEqualTo("launchcast-transform");
            assertThat(poll.get("RunId").asString()).isEqualTo("jr_42");
        });
        // progress: while Glue said RUNNING, the stored run said so too
        assertThat(jobStatesSeenWhileRunning).contains("RUNNING");
        assertThat(run.transformJob()).isEqualTo(new IngestionRun.TransformJob("launchcast-transform", "jr_42",
                "SUCCEEDED", run.transformJob().seconds()));
        // the job's output, read back and hashed here, is the very content an in-process run publishes
        assertThat(run.contentHash()).isEqualTo(VISUELLE_HASH);
        var manifest = datasets.find("visuelle", run.datasetVersion()).orElseThrow();
        assertThat(manifest.tables().get("sales").rows()).isEqualTo(66_924);
        assertThat(manifest.tables().get("sales").files()).allSatisfy(f -> assertThat(f.key()).contains("/region="));
        assertThat(events.published).hasSize(1);
        assertThat(store.list("ingestion/jobs/")).as("staging and job output are removed").isEmpty();
    }

    @Test
    void aFailedGlueJobFailsTheRunWithGluesMessageAndPublishesNothing() throws Exception {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_7\"}");
        jobRunAnswers("{\"JobRun\":{\"Id\":\"jr_7\",\"JobRunState\":\"FAILED\","
                + "\"ErrorMessage\":\"AnalysisException: cannot resolve 'units'\"}}");

        IngestionRun run = service.runNow(new IngestionRequest("visuelle", List.of("s3://test-bucket/landing/visuelle/drop/")));

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("launchcast-transform", "jr_7", "FAILED", "AnalysisException: cannot resolve 'units'",
                "nothing was published");
        assertThat(run.transformJob().state()).isEqualTo("FAILED");
        assertThat(run.rows().accepted()).isEqualTo(5_577 + 220);
        assertThat(datasets.versions("visuelle")).isEmpty();
        assertThat(events.published).isEmpty();
        assertThat(store.list("ingestion/jobs/")).isEmpty();
    }

    /** GetJobRun says RUNNING twice, then {@code last}. */
    private void jobRunAnswers(String last) {
        String running = "{\"JobRun\":{\"Id\":\"x\",\"JobRunState\":\"RUNNING\"}}";
        String[] states = {Scenario.STARTED, "second", "done"};
        for (int i = 0; i < states.length; i++) {
            glue.server.stubFor(GlueStub.operation("GetJobRun").inScenario("job").whenScenarioStateIs(states[i])
                    .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(i < 2 ? running : last))
                    .willSetStateTo(i < 2 ? states[i + 1] : "done"));
        }
    }

    /** What the Glue job's script does, run when StartJobRun arrives; also notes the run's state at each poll. */
    private final class JobScript implements ServeEventListener {

        @Override
        public String getName() {
            return "glue-job-script";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            String target = event.getRequest().getHeader("X-Amz-Target");
            if (target.endsWith("GetJobRun")) {
                runs.all().stream().filter(r -> r.transformJob() != null)
                        .forEach(r -> jobStatesSeenWhileRunning.add(r.transformJob().state()));
            }
            if (!target.endsWith("StartJobRun")) {
                return;
            }
            JsonNode arguments = GlueStub.JSON.readTree(event.getRequest().getBodyAsString()).get("Arguments");
            try {
                String staging = store.keyOf(URI.create(arguments.get("--staging-uri").asString()));
                String output = store.keyOf(URI.create(arguments.get("--output-uri").asString()));
                Path local = Files.createTempDirectory(temp, "glue");
                for (var object : store.list(staging)) {
                    Path file = local.resolve("in").resolve(object.key().substring(staging.length()));
                    Files.createDirectories(file.getParent());
                    Files.write(file, store.read(object.key()));
                }
                Map<String, String> partitions = Map.of("sales", "region, period_year", "signals", "signal, period_year");
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
                    for (String table : List.of("products", "sales", "signals")) {
                        s.execute("CREATE VIEW " + table + "_stage AS SELECT * FROM read_parquet('"
                                + local.resolve("in").resolve(table).resolve("*.parquet") + "')");
                    }
                    for (var select : TransformDefinition.parse(arguments.get("--transform-sql").asString()).entrySet()) {
                        Path dir = local.resolve("out").resolve(select.getKey());
                        Files.createDirectories(dir);
                        String partitionBy = partitions.get(select.getKey());
                        s.execute("COPY (" + select.getValue() + ") TO '" + (partitionBy == null
                                ? dir.resolve("part-00000.zstd.parquet") + "' (FORMAT parquet)"
                                : dir + "' (FORMAT parquet, PARTITION_BY (" + partitionBy + "))"));
                    }
                }
                try (Stream<Path> files = Files.walk(local.resolve("out"))) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        store.put(output + local.resolve("out").relativize(file).toString().replace('\\', '/'), file,
                                "application/vnd.apache.parquet");
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("the job script failed", e);
            }
        }
    }
}
