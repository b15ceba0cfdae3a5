package io.launchcast.forecast.batch.aws;

import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.aws.SageMakerModelRegistry;
import io.launchcast.forecast.serving.ChampionModel;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@code launchcast.batch.backend=sagemaker}: batch jobs run as SageMaker Batch Transform jobs of the champion's
 * model package. It needs the SageMaker registry ({@code launchcast.registry.type=aws}), which knows the packages.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.batch", name = "backend", havingValue = "sagemaker")
class AwsBatchConfiguration {

    @Bean
    SageMakerTransformBatchForecasts sageMakerTransformBatchForecasts(SageMakerClient sageMaker, ModelRegistry registry,
            ChampionModel champion, @Value("${launchcast.batch.sagemaker.execution-role-arn}") String roleArn,
            @Value("${launchcast.batch.sagemaker.instance-type:ml.m5.xlarge}") String instanceType,
            @Value("${launchcast.batch.sagemaker.poll-every:30s}") Duration pollEvery) {
        if (!(registry instanceof SageMakerModelRegistry sageMakerRegistry)) {
            throw new IllegalStateException("launchcast.batch.backend=sagemaker runs registered model packages: "
                    + "it needs launchcast.registry.type=aws");
        }
        return new SageMakerTransformBatchForecasts(new SageMakerBatchTransform(sageMaker, roleArn, instanceType),
                champion, version -> {
                    int slash = version.lastIndexOf('/');
                    return sageMakerRegistry.modelPackageArn(version.substring(0, slash),
                            Integer.parseInt(version.substring(slash + 1)));
                }, pollEvery, Clock.systemUTC());
    }
}
