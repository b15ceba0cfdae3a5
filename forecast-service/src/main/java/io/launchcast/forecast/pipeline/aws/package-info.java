/**
 * aws mode of the training pipeline: the same steps as a SageMaker Pipeline definition, created or updated and
 * started by {@link io.launchcast.forecast.pipeline.aws.SageMakerPipelineLauncher} with settings bound from
 * {@code launchcast.pipeline.sagemaker}.
 */
package io.launchcast.forecast.pipeline.aws;
