package io.launchcast.platform.objectstore.aws;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store of every service. The {@link S3Client} comes from Spring Cloud AWS: in local mode its
 * endpoint is the embedded S3Proxy, in aws mode it is S3 itself, so this one adapter serves both modes.
 */
@AutoConfiguration(afterName = "io.awspring.cloud.autoconfigure.s3.S3AutoConfiguration")
@EnableConfigurationProperties(ObjectStoreProperties.class)
public class S3ObjectStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean(ObjectStore.class)
    S3ObjectStore objectStore(S3Client s3, ObjectStoreProperties properties) {
        return new S3ObjectStore(s3, properties.bucket());
    }

    /** See {@link NoExpectContinue}. */
    @Bean
    S3ClientCustomizer noExpectContinue() {
        return builder -> builder.overrideConfiguration(c -> c.addExecutionInterceptor(new NoExpectContinue()));
    }

    /** Readiness depends on the object store: a service that cannot reach it can do no useful work. */
    @Bean
    HealthIndicator objectStoreHealthIndicator(ObjectStore objectStore, ObjectStoreProperties properties) {
        return () -> objectStore.isReachable()
                ? Health.up().withDetail("bucket", properties.bucket()).build()
                : Health.down().withDetail("bucket", properties.bucket()).withDetail("reason", "unreachable").build();
    }
}
