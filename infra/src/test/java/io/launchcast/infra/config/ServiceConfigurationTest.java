package io.launchcast.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the services' configuration: no CDK involved. */
class ServiceConfigurationTest {

    private final ServiceConfiguration services = ServiceConfiguration.ofWorkingDirectory();

    @Test
    void readsTheNamesTheServicesUseInTheAwsProfile() {
        assertThat(services.bucket()).isNotBlank();
        assertThat(services.metricNamespace()).isNotBlank();
        assertThat(services.queues()).contains("launchcast-landing").allSatisfy(q -> assertThat(q).startsWith("launchcast-"));
        assertThat(services.port("forecast-service")).isBetween(1024, 65535);
        assertThat(services.pipelineName()).isNotBlank();
        assertThat(services.captureRetention()).isPositive();
    }

    @Test
    void aQueueRenamedInTheServicesConfigurationIsTheQueueTheAppCreates(@TempDir Path copy) throws IOException {
        for (String file : List.of("platform/src/main/resources/launchcast-platform.yml",
                "feature-service/src/main/resources/feature-groups.yml")) {
            copyFile(file, copy);
        }
        for (String service : ServiceConfiguration.SERVICES) {
            copyFile(service + "/src/main/resources/application.yml", copy);
        }
        Path platform = copy.resolve("platform/src/main/resources/launchcast-platform.yml");
        Files.writeString(platform, Files.readString(platform).replace("launchcast-monitor-events", "launchcast-watch-events"));

        ServiceConfiguration renamed = ServiceConfiguration.of(copy);

        assertThat(renamed.queues()).contains("launchcast-watch-events");
        assertThat(renamed.eventRoutes().get("ModelRegistered")).containsExactly("launchcast-watch-events");
    }

    @Test
    void parsesSpringDurations() {
        assertThat(ServiceConfiguration.duration("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(ServiceConfiguration.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(ServiceConfiguration.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServiceConfiguration.duration("0")).isEqualTo(Duration.ZERO);
    }

    private void copyFile(String file, Path copy) throws IOException {
        Path target = copy.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(services.root().resolve(file), target);
    }
}
