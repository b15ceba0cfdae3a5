package io.launchcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.training.FeatureStoreProperties;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.testing.ServiceContractIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The forecast service starts on the local stand-ins, reports UP and answers errors as problem details. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "LAUNCHCAST_FEATURE_PORT=18182")
class ForecastApplicationIT extends ServiceContractIT {

    @Autowired
    private FeatureStoreProperties featureStore;

    /** ./launchcast moves every service with LAUNCHCAST_<NAME>_PORT: training must follow the feature-service. */
    @Test
    void findsTheFeatureServiceOnItsConfiguredPort() {
        assertThat(featureStore.url().toString()).isEqualTo("http://127.0.0.1:18182");
    }

    @Override
    protected String postPath() {
        return "/forecasts";
    }
}
