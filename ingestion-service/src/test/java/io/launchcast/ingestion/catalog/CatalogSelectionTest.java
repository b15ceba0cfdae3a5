package io.launchcast.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.launchcast.ingestion.catalog.aws.GlueDatasetCatalog;
import io.launchcast.ingestion.catalog.aws.GlueTransformJobs;
import io.launchcast.ingestion.catalog.local.InProcessTransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.platform.objectstore.ObjectStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/** The {@code launchcast.ingestion.catalog.type} property picks the adapters; local needs no cloud at all. */
class CatalogSelectionTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CatalogProperties.class)
    static class Properties {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, type("io.launchcast.ingestion.catalog.local.LocalCatalogConfiguration"),
                    type("io.launchcast.ingestion.catalog.aws.GlueCatalogConfiguration"))
            .withBean(ObjectStore.class, () -> mock(ObjectStore.class));

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static AwsClientBuilderConfigurer configurer() {
        AwsClientBuilderConfigurer configurer = mock(AwsClientBuilderConfigurer.class);
        when(configurer.configure(any())).thenAnswer(call -> ((GlueClientBuilder) call.getArgument(0))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()));
        return configurer;
    }

    @Test
    void usesManifestsAndDuckDbByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DatasetCatalog.class);
            assertThat(context.getBean(DatasetCatalog.class)).isInstanceOf(ManifestDatasetCatalog.class);
            assertThat(context.getBean(TransformJobs.class)).isInstanceOf(InProcessTransformJobs.class);
        });
    }

    @Test
    void usesGlueInAwsMode() {
        runner.withPropertyValues("launchcast.ingestion.catalog.type=aws",
                        "launchcast.ingestion.catalog.job.name=launchcast-transform")
                .withBean(AwsClientBuilderConfigurer.class, CatalogSelectionTest::configurer)
                .run(context -> {
                    assertThat(context.getBean(DatasetCatalog.class)).isInstanceOf(GlueDatasetCatalog.class);
                    assertThat(context.getBean(TransformJobs.class)).isInstanceOf(GlueTransformJobs.class);
                });
    }
}
