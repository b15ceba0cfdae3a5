package io.launchcast.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.alarms.AlarmDefinitions;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.alarms.aws.CloudWatchAlarmDefinitions;
import io.launchcast.monitor.retraining.RetrainingProperties;
import io.launchcast.platform.testing.AwsProfileContractIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * monitor-service in the aws profile: its alarms are CloudWatch alarms notifying the configured topic, and its
 * retraining calls go out with a client-credentials token of the configured client.
 */
class AwsProfileIT extends AwsProfileContractIT {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:launchcast-alarms";
    static final String[] SDK_SETTINGS = {"aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrl"};

    static {
        // the alarms' CloudWatch client follows the SDK's default chains (region, credentials, endpoint)
        String[] values = {"us-east-1", "AKIDEXAMPLE", "dummy-secret", aws.baseUrl()};
        for (int i = 0; i < SDK_SETTINGS.length; i++) {
            System.setProperty(SDK_SETTINGS[i], values[i]);
        }
    }

    @DynamicPropertySource
    static void variables(DynamicPropertyRegistry registry) {
        registry.add("LAUNCHCAST_MONITOR_CLIENT_ID", () -> "monitor-client");
        registry.add("LAUNCHCAST_MONITOR_CLIENT_SECRET", () -> "not-a-real-secret");
        registry.add("LAUNCHCAST_OAUTH2_TOKEN_URI", () -> aws.baseUrl() + "/oauth2/token");
        registry.add("LAUNCHCAST_MONITOR_RETRAINING_FORECAST_URL", () -> "https://services.launchcast.example");
        registry.add("LAUNCHCAST_ALARM_TOPIC_ARN", () -> TOPIC);
    }

    @AfterAll
    static void clearSdkSettings() {
        for (String setting : SDK_SETTINGS) {
            System.clearProperty(setting);
        }
    }

    @Test
    void alarmsAreCloudWatchAlarmsNotifyingTheTopic() {
        assertThat(context.getBean(AlarmDefinitions.class)).isInstanceOf(CloudWatchAlarmDefinitions.class);
        assertThat(context.getBean(AlarmProperties.class).cloudWatch().alarmActions()).containsExactly(TOPIC);
    }

    @Test
    void retrainingCallsUseTheClientCredentialsOfTheMonitorClient() {
        RetrainingProperties retraining = context.getBean(RetrainingProperties.class);
        assertThat(retraining.forecastUrl()).hasToString("https://services.launchcast.example");
        var registration = context.getBean(ClientRegistrationRepository.class)
                .findByRegistrationId(retraining.clientRegistration());
        assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
        assertThat(registration.getClientId()).isEqualTo("monitor-client");
        assertThat(registration.getScopes()).containsExactly("launchcast/data");
        assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(aws.baseUrl() + "/oauth2/token");
    }
}
