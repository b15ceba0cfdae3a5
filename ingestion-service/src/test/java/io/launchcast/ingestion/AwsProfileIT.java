package io.launchcast.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.catalog.aws.GlueDatasetCatalog;
import io.launchcast.ingestion.catalog.aws.GlueTransformJobs;
import io.launchcast.platform.testing.AwsProfileContractIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** ingestion-service in the aws profile: the catalog is Glue's, and heavy transformations run as the Glue job. */
class AwsProfileIT extends AwsProfileContractIT {

    @DynamicPropertySource
    static void variables(DynamicPropertyRegistry registry) {
        registry.add("LAUNCHCAST_INGESTION_CATALOG_JOB_NAME", () -> "launchcast-transform");
    }

    @Test
    void theCatalogAndTransformJobsAreGlues() {
        assertThat(context.getBean(DatasetCatalog.class)).isInstanceOf(GlueDatasetCatalog.class);
        assertThat(context.getBean(TransformJobs.class)).isInstanceOf(GlueTransformJobs.class);
        assertThat(context.getBean(CatalogProperties.class).job().name()).isEqualTo("launchcast-transform");
    }
}
