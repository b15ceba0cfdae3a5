package io.launchcast.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.platform.logshipping.LogShipper;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The shared configuration (launchcast-platform.yml): the local profile is the default and points the SDK
 * clients at the stand-ins with Prometheus metrics only; the aws profile adds the CloudWatch registry and sets
 * no endpoint or static credentials. Both run the same object-store adapter.
 */
class ProfilesSelectEndpointsAndMetricsTest {

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, classes = TestApp.class,
            properties = "spring.config.import=classpath:launchcast-platform.yml")
    class LocalByDefault {
        @Autowired
        ApplicationContext context;
        @Autowired
        Environment environment;

        @Test
        void pointsAtTheStandInsWithoutCloudWatch() {
            assertThat(environment.getActiveProfiles()).isEmpty();
            assertThat(environment.getDefaultProfiles()).containsExactly("local");
            assertThat(environment.getProperty("spring.cloud.aws.s3.endpoint")).startsWith("http://127.0.0.1:");
            assertThat(environment.getProperty("spring.cloud.aws.credentials.access-key")).isEqualTo("launchcast");
            assertThat(context.getBeansOfType(CloudWatchMeterRegistry.class)).isEmpty();
            assertThat(context.getBeansOfType(PrometheusMeterRegistry.class)).hasSize(1);
            assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
        }

        @Test
        void writesTheJsonLogToAFileUnderTheDataDirectoryAndShipsIt() {
            assertThat(environment.getProperty("logging.file.name")).endsWith("/logs/launchcast/launchcast.log");
            assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
            assertThat(context.getBeansOfType(LogShipper.class)).hasSize(1);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, classes = TestApp.class, properties = {
            "spring.config.import=classpath:launchcast-platform.yml", "spring.profiles.active=aws",
            "spring.cloud.aws.region.static=eu-west-1"})
    class AwsProfile {
        @Autowired
        ApplicationContext context;
        @Autowired
        Environment environment;

        @Test
        void addsCloudWatchAndLeavesEndpointsAndCredentialsToAws() {
            assertThat(context.getBeansOfType(CloudWatchMeterRegistry.class)).hasSize(1);
            assertThat(environment.getProperty("management.cloudwatch.metrics.export.namespace")).isEqualTo("Launchcast");
            assertThat(environment.getProperty("launchcast.events.create-queues")).isNull();
            assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
            // the awslogs driver and CloudWatch Logs' export to S3 do it there
            assertThat(environment.getProperty("logging.file.name")).isNull();
            assertThat(context.getBeansOfType(LogShipper.class)).isEmpty();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {
    }
}
