package io.launchcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.pipeline.aws.SageMakerPipelineLauncher;
import io.launchcast.forecast.pipeline.aws.SageMakerPipelineSettings;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.aws.SageMakerModelRegistry;
import io.launchcast.platform.testing.AwsProfileContractIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** forecast-service in the aws profile: SageMaker Model Registry, and the training pipeline on SageMaker Pipelines. */
class AwsProfileIT extends AwsProfileContractIT {

    static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/launchcast/forecast-service:abc";
    static final String ROLE = "arn:aws:iam::123456789012:role/launchcast-pipeline";

    @DynamicPropertySource
    static void variables(DynamicPropertyRegistry registry) {
        registry.add("LAUNCHCAST_REGISTRY_SAGEMAKER_IMAGE_URI", () -> IMAGE);
        registry.add("LAUNCHCAST_PIPELINE_SAGEMAKER_ROLE_ARN", () -> ROLE);
    }

    @Test
    void theRegistryAndThePipelineAreSageMakers() {
        assertThat(context.getBean(ModelRegistry.class)).isInstanceOf(SageMakerModelRegistry.class);
        assertThat(context.getBeansOfType(SageMakerPipelineLauncher.class)).hasSize(1);
        SageMakerPipelineSettings pipeline = context.getBean(SageMakerPipelineSettings.class);
        assertThat(pipeline.pipelineName()).isEqualTo("launchcast-training");
        assertThat(pipeline.roleArn()).isEqualTo(ROLE);
        assertThat(pipeline.image()).isEqualTo(IMAGE);
    }
}
