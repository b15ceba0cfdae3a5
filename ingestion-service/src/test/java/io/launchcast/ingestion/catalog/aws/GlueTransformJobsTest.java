package io.launchcast.ingestion.catalog.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.catalog.TransformJobsContract;
import io.launchcast.ingestion.curated.TransformDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Request shapes of the Glue job path: StartJobRun with the run's arguments, GetJobRun until the end. */
class GlueTransformJobsTest implements TransformJobsContract {

    final GlueStub glue = new GlueStub();
    final GlueTransformJobs jobs = new GlueTransformJobs(glue.client, new CatalogProperties.Job("launchcast-transform",
            Map.of("small", ""), Duration.ofMillis(10), Duration.ofMinutes(30)));
    final TransformJobs.Request request = new TransformJobs.Request("launchcast-transform", "run-1", "{\"name\":\"shop\",\"version\":2}",
            "s3://launchcast/staging/run-1/", "s3://launchcast/curated/shop/v=x/", TransformDefinition.load().text());

    @AfterEach
    void stop() {
        glue.close();
    }

    @Override
    public TransformJobs jobs() {
        return jobs;
    }

    @Override
    public TransformJobs.Request succeedingRequest() {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_c\"}");
        glue.answer("GetJobRun", 200, "{\"JobRun\":{\"Id\":\"jr_c\",\"JobRunState\":\"SUCCEEDED\"}}");
        return request;
    }

    @Override
    public TransformJobs.Request failingRequest() {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_f\"}");
        glue.answer("GetJobRun", 200, "{\"JobRun\":{\"Id\":\"jr_f\",\"JobRunState\":\"FAILED\",\"ErrorMessage\":\"boom\"}}");
        return request;
    }

    @Test
    void startsTheJobWithTheRunsArgumentsAndFollowsItToSuccess() {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_1\"}");
        glue.server.stubFor(GlueStub.operation("GetJobRun").inScenario("job").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"JobRun\":{\"Id\":\"jr_1\",\"JobRunState\":\"RUNNING\"}}"))
                .willSetStateTo("done"));
        glue.server.stubFor(GlueStub.operation("GetJobRun").inScenario("job").whenScenarioStateIs("done")
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"JobRun\":{\"Id\":\"jr_1\",\"JobRunState\":\"SUCCEEDED\"}}")));

        TransformJobs.Outcome outcome = jobs.run(request);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.jobRunId()).isEqualTo("jr_1");
        assertThat(glue.operations()).containsExactly("StartJobRun", "GetJobRun", "GetJobRun");
        JsonNode start = glue.bodies("StartJobRun").get(0);
        assertThat(start.get("JobName").asString()).isEqualTo("launchcast-transform");
        assertThat(start.at("/Arguments/--launchcast-run-id").asString()).isEqualTo("run-1");
        assertThat(start.at("/Arguments/--mapping").asString()).contains("shop");
        assertThat(start.at("/Arguments/--staging-uri").asString()).isEqualTo("s3://launchcast/staging/run-1/");
        assertThat(start.at("/Arguments/--output-uri").asString()).isEqualTo("s3://launchcast/curated/shop/v=x/");
        assertThat(start.at("/Arguments/--transform-sql").asString()).contains("-- @table sales");
        assertThat(start.get("Timeout").asInt()).isEqualTo(30);
        JsonNode poll = glue.bodies("GetJobRun").get(0);
        assertThat(poll.get("JobName").asString()).isEqualTo("launchcast-transform");
        assertThat(poll.get("RunId").asString()).isEqualTo("jr_1");
    }

    @Test
    void delegatesEveryMappingToTheConfiguredJobUnlessAMappingOptsOut() {
        assertThat(jobs.jobFor("shop")).contains("launchcast-transform");
        assertThat(jobs.jobFor("small")).isEmpty();
        var perMapping = new GlueTransformJobs(glue.client, new CatalogProperties.Job(null,
                Map.of("visuelle", "visuelle-transform"), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(perMapping.jobFor("visuelle")).contains("visuelle-transform");
        assertThat(perMapping.jobFor("shop")).isEqualTo(Optional.empty());
    }

    @Test
    void reportsAFailedJobWithGluesMessage() {
        glue.answer("StartJobRun", 200, "{\"JobRunId\":\"jr_2\"}");
        glue.answer("GetJobRun", 200, "{\"JobRun\":{\"Id\":\"jr_2\",\"JobRunState\":\"FAILED\","
                + "\"ErrorMessage\":\"AnalysisException: cannot resolve units\"}}");

        TransformJobs.Outcome outcome = jobs.run(request);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.state()).isEqualTo("FAILED");
        assertThat(outcome.message()).contains("cannot resolve units");
    }
}
