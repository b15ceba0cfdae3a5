package io.launchcast.localcloud;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test kit: starts one in-memory local cloud per test JVM on free ports and exposes its endpoints as system
 * properties, which Spring's environment reads before any property file. Use with
 * {@code @ExtendWith(LocalCloudExtension.class)} on a {@code @SpringBootTest}.
 */
public final class LocalCloudExtension implements BeforeAllCallback {

    private static LocalCloud shared;

    /** The running stand-ins, starting them on first use. */
    public static synchronized LocalCloud localCloud() {
        if (shared == null) {
            shared = LocalCloud.start(LocalCloudSettings.launchcastDefaults(null, 0, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-cloud-test-shutdown"));
            for (Map.Entry<String, String> property : shared.springProperties().entrySet()) {
                System.setProperty(property.getKey(), property.getValue());
            }
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        localCloud();
    }
}
