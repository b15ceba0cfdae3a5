package io.launchcast.monitor.alarms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.monitor.bench.MemoryObjectStore;
import io.launchcast.monitor.retraining.RetrainingTriggers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** One incident starts one retraining (over forecast-service's HTTP API, as the data role); notify starts none. */
class AlarmPoliciesTest {

    private WireMockServer forecast;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() {
        forecast = new WireMockServer(options().dynamicPort());
        forecast.start();
        forecast.stubFor(post("/pipeline-runs").willReturn(aResponse().withStatus(202)
                .withHeader("Location", "/pipeline-runs/run-1").withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"run-1\"}")));
    }

    @AfterEach
    void stop() {
        forecast.stop();
    }

    @Test
    void severalAlarmsOfOneIncidentStartOneRetrainingUntilTheCoolDownEnds() {
        AlarmPolicies policies = policies(new AlarmProperties.Policy("drift-", AlarmProperties.Action.RETRAIN,
                Duration.ofHours(6)));

        String first = policies.raised("drift-g-price", "price drifted");
        String second = policies.raised("drift-g-fabric", "fabric drifted");
        clock.now = clock.now.plus(Duration.ofHours(7));
        String afterCoolDown = policies.raised("drift-g-price", "price drifted again");

        assertThat(first).contains("retraining run /pipeline-runs/run-1 started");
        assertThat(second).contains("already started");
        assertThat(afterCoolDown).contains("started");
        forecast.verify(exactly(2), postRequestedFor(urlEqualTo("/pipeline-runs"))
                .withHeader("Authorization", equalTo("Bearer data-token-for-the-test"))
                .withRequestBody(matchingJsonPath("$.parameters.trigger")));
    }

    @Test
    void notifyOnlyStartsNothing() {
        AlarmPolicies policies = policies(new AlarmProperties.Policy("drift-", AlarmProperties.Action.NOTIFY,
                Duration.ofHours(6)));

        assertThat(policies.raised("drift-g-price", "price drifted")).isEqualTo("notified");
        forecast.verify(exactly(0), postRequestedFor(urlEqualTo("/pipeline-runs")));
    }

    private AlarmPolicies policies(AlarmProperties.Policy policy) {
        return new AlarmPolicies(new AlarmProperties(new AlarmRule(1, 1, AlarmRule.MissingData.MISSING),
                new AlarmRule(1, 1, AlarmRule.MissingData.MISSING),
                List.of(policy), AlarmProperties.Type.LOCAL, new AlarmProperties.CloudWatch("Launchcast",
                Duration.ofHours(1), List.of()), "monitoring/alarms"),
                RetrainingTriggers.http(URI.create(forecast.baseUrl()), "data-token-for-the-test"), clock,
                new MemoryObjectStore(), JsonMapper.builder().build());
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2027-03-02T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
