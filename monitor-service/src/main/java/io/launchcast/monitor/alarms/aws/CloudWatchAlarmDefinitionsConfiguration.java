package io.launchcast.monitor.alarms.aws;

import io.launchcast.monitor.alarms.AlarmProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.monitor.alarms", name = "type", havingValue = "aws")
class CloudWatchAlarmDefinitionsConfiguration {

    /** Spring Cloud AWS has only the async client (for metrics); region and credentials follow the SDK's chains. */
    @Bean(destroyMethod = "close")
    CloudWatchClient monitorCloudWatchClient() {
        return CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Bean
    CloudWatchAlarmDefinitions cloudWatchAlarmDefinitions(CloudWatchClient monitorCloudWatchClient,
            AlarmProperties properties) {
        AlarmProperties.CloudWatch cloudWatch = properties.cloudWatch();
        return new CloudWatchAlarmDefinitions(monitorCloudWatchClient, cloudWatch.namespace(),
                (int) cloudWatch.period().toSeconds(), cloudWatch.alarmActions());
    }
}
