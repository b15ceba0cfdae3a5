package io.launchcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeArgumentTest {

    @Test
    void serveListensOn8080AsSageMakerExpects() {
        String[] args = ForecastApplication.sageMakerServe(new String[] {"serve"});

        if (System.getenv("LAUNCHCAST_FORECAST_PORT") == null) {
            assertThat(args).containsExactly("--server.port=" + System.getenv().getOrDefault("SAGEMAKER_BIND_TO_PORT", "8080"));
        }
    }

    @Test
    void anExplicitPortWinsAndOtherArgumentsPassThrough() {
        assertThat(ForecastApplication.sageMakerServe(new String[] {"serve", "--server.port=9999", "--debug"}))
                .containsExactly("--server.port=9999", "--debug");
        assertThat(ForecastApplication.sageMakerServe(new String[] {"--debug"})).containsExactly("--debug");
    }
}
