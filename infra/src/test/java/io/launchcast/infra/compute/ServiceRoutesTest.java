package io.launchcast.infra.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.config.ServiceConfiguration;

class ServiceRoutesTest {

    @Test
    void routesEachFirstSegmentAndWhatIsUnderIt() {
        assertThat(ServiceRoutes.firstSegment("/feature-groups/*/records/batch-get")).isEqualTo("/feature-groups");
        assertThat(ServiceRoutes.of(ServiceConfiguration.ofWorkingDirectory()).get("forecast-service"))
                .contains("/forecasts", "/forecasts/*", "/models", "/models/*", "/pipeline-runs");
    }

    @Test
    void splitsPatternsIntoRulesOfFive() {
        assertThat(ServiceRoutes.rules(List.of("a", "b", "c", "d", "e", "f"))).containsExactly(
                List.of("a", "b", "c", "d", "e"), List.of("f"));
    }

    @Test
    void refusesAPathWithoutALiteralFirstSegment() {
        assertThatThrownBy(() -> ServiceRoutes.firstSegment("/**")).isInstanceOf(IllegalArgumentException.class);
    }
}
