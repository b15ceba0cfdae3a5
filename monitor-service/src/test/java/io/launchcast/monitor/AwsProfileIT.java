package io.launchcast.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.alarms.AlarmDefinitions;
import io.launchcast.monitor.alarms.aws.CloudWatchAlarmDefinitions;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.retraining.RetrainingProperties;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.aws.SqsEventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.AwsEndpointStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service started in the aws profile as a deployment starts it (only the endpoint is local): every port is on
 * its AWS adapter, callers are authenticated as JWTs of the configured issuer, and retraining calls go out with a
 * client-credentials token of the configured client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("aws")
@DirtiesContext
class AwsProfileIT {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:launchcast-alarms";
    static final AwsEndpointStandIn aws = AwsEndpointStandIn.start();

    static {
        // the alarms' CloudWatch client follows the SDK's default chains (region, credentials, endpoint)
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "dummy-secret");
        System.setProperty("aws.endpointUrl", aws.baseUrl());
    }

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        aws.register(registry, "LAUNCHCAST_MONITOR_CLIENT_ID", "monitor-client",
                "LAUNCHCAST_MONITOR_CLIENT_SECRET", "not-a-real-secret",
                "LAUNCHCAST_OAUTH2_TOKEN_URI", aws.baseUrl() + "/oauth2/token",
                "LAUNCHCAST_MONITOR_RETRAINING_FORECAST_URL", "https://services.launchcast.example",
                "LAUNCHCAST_ALARM_TOPIC_ARN", TOPIC);
    }

    @AfterAll
    static void stop() {
        for (String property : new String[] {"aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrl"}) {
            System.clearProperty(property);
        }
    }

    @Autowired
    ApplicationContext context;

    @Test
    void everyPortIsOnItsAwsAdapter() {
        assertThat(context.getBean(AlarmDefinitions.class)).isInstanceOf(CloudWatchAlarmDefinitions.class);
        assertThat(context.getBean(AlarmProperties.class).cloudWatch().alarmActions()).containsExactly(TOPIC);
        assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
        assertThat(context.getBean(EventPublisher.class)).isInstanceOf(SqsEventPublisher.class);
        assertThat(context.getBeansOfType(JwtDecoder.class)).hasSize(1);
        assertThat(context.getEnvironment().getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo(aws.issuerUri());
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
