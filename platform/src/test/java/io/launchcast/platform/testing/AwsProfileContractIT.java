package io.launchcast.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.aws.SqsEventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service started in the aws profile as a deployment starts it, only with every AWS endpoint on one local HTTP
 * server ({@link AwsEndpointStandIn}): the shared ports are on their AWS adapters and callers need a JWT of the
 * configured issuer. A service's test extends it, asserts its own ports, and adds the variables its aws profile
 * requires with its own {@code @DynamicPropertySource}. The context is closed after the class, so its pollers
 * stop while the stand-in still answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("aws")
@DirtiesContext
public abstract class AwsProfileContractIT {

    protected static final AwsEndpointStandIn aws = AwsEndpointStandIn.start();

    @DynamicPropertySource
    static void awsEndpoints(DynamicPropertyRegistry registry) {
        aws.register(registry);
    }

    @Autowired
    protected ApplicationContext context;

    @Test
    void sharedPortsAreOnTheirAwsAdaptersAndCallersNeedAJwtOfTheIssuer() {
        assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
        assertThat(context.getBean(EventPublisher.class)).isInstanceOf(SqsEventPublisher.class);
        assertThat(context.getBeansOfType(JwtDecoder.class)).hasSize(1);
        assertThat(context.getEnvironment().getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo(aws.issuerUri());
    }
}
