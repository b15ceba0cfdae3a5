package io.launchcast.monitor.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.alarms.aws.CloudWatchAlarmDefinitions;
import io.launchcast.monitor.alarms.local.LocalAlarmDefinitions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** {@code launchcast.monitor.alarms.type} picks the adapter: local by default, CloudWatch with aws. */
class AlarmDefinitionsSelectionTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlarmProperties.class)
    @ComponentScan(basePackages = {"io.launchcast.monitor.alarms.local", "io.launchcast.monitor.alarms.aws"},
            useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION,
                    classes = Configuration.class))
    static class Adapters {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Adapters.class);

    @Test
    void localByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(AlarmDefinitions.class)
                .hasSingleBean(LocalAlarmDefinitions.class));
    }

    @Test
    void cloudWatchInAwsMode() {
        runner.withPropertyValues("launchcast.monitor.alarms.type=aws").withSystemProperties("aws.region=eu-west-1")
                .run(context -> assertThat(context).hasSingleBean(AlarmDefinitions.class)
                        .hasSingleBean(CloudWatchAlarmDefinitions.class));
    }
}
