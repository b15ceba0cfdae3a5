package io.launchcast.forecast.pipeline.aws;

import java.util.Map;

/**
 * What the SageMaker Pipeline definition needs to know about the account it runs in.
 *
 * @param pipelineName name of the SageMaker pipeline (created on first launch, updated afterwards)
 * @param roleArn execution role SageMaker assumes for every step
 * @param image this service's container image (ECR); it implements SageMaker's training and inference contracts
 * @param bucket bucket of the suite's object store
 * @param modelPackageGroup registry group that the register step writes to
 * @param instanceType training and processing instance type, e.g. {@code ml.m5.xlarge}
 * @param defaults default pipeline parameters: dataset manifest key, hyperparameters, gate thresholds
 */
public record SageMakerPipelineSettings(String pipelineName, String roleArn, String image, String bucket,
        String modelPackageGroup, String instanceType, Map<String, String> defaults) {

    public SageMakerPipelineSettings {
        defaults = Map.copyOf(defaults);
    }
}
