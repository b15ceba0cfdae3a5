package io.launchcast.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.catalog.aws.GlueDatasetCatalog;
import io.launchcast.ingestion.catalog.aws.GlueTransformJobs;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.aws.SqsEventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.AwsEndpointStandIn;
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
 * The service started in the aws profile as a deployment starts it (only the endpoint is local): every port is on
 * its AWS adapter, and callers are authenticated as JWTs of the configured issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("aws")
@DirtiesContext
class AwsProfileIT {

    static final AwsEndpointStandIn aws = AwsEndpointStandIn.start();

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        aws.register(registry, "LAUNCHCAST_INGESTION_CATALOG_JOB_NAME", "launchcast-transform");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void everyPortIsOnItsAwsAdapter() {
        assertThat(context.getBean(DatasetCatalog.class)).isInstanceOf(GlueDatasetCatalog.class);
        assertThat(context.getBean(TransformJobs.class)).isInstanceOf(GlueTransformJobs.class);
        assertThat(context.getBean(CatalogProperties.class).job().name()).isEqualTo("launchcast-transform");
        assertThat(context.getBean(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
        assertThat(context.getBean(EventPublisher.class)).isInstanceOf(SqsEventPublisher.class);
        assertThat(context.getBeansOfType(JwtDecoder.class)).hasSize(1);
        assertThat(context.getEnvironment().getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo(aws.issuerUri());
    }
}
