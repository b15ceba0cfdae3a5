package io.launchcast.monitor.retraining;

import io.launchcast.platform.security.SecurityProperties;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Test kit: the real HTTP retraining adapter pointed at a given forecast-service URL and token. */
public final class RetrainingTriggers {

    private RetrainingTriggers() {
    }

    public static RetrainingTrigger http(URI forecastUrl, String token) {
        return new HttpRetrainingTrigger(new RetrainingProperties(forecastUrl, token),
                new SecurityProperties(SecurityProperties.Mode.TOKENS, Map.of(), null, "cognito:groups", List.of()));
    }
}
