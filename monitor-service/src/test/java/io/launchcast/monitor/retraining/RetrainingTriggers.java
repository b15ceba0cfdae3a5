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
        RetrainingProperties properties = new RetrainingProperties(forecastUrl, "", token);
        SecurityProperties security = new SecurityProperties(SecurityProperties.Mode.TOKENS, Map.of(), null,
                "cognito:groups", "launchcast/", List.of());
        return new HttpRetrainingTrigger(RetrainingConfiguration.client(properties)
                .requestInterceptor(RetrainingConfiguration.localToken(properties, security)).build());
    }
}
