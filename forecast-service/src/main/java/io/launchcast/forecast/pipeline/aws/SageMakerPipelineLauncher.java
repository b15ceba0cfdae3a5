package io.launchcast.forecast.pipeline.aws;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the training pipeline on SageMaker Pipelines and starts executions: CreatePipeline the first time,
 * UpdatePipeline when it exists (so the definition always matches this code), then StartPipelineExecution with
 * the run's parameters. Executions are followed with DescribePipelineExecution.
 */
public class SageMakerPipelineLauncher {

    private static final Logger log = LoggerFactory.getLogger(SageMakerPipelineLauncher.class);

    private final SageMakerClient sageMaker;
    private final SageMakerPipelineDefinition definition;
    private final SageMakerPipelineSettings settings;
    private final ObjectStore store;
    private final Path trainingConfig;
    private final Predicate<String> groupServesDataset;
    private final SageMakerRunParameters runParameters;

    /**
     * @param store the suite's object store (the settings' bucket), where the training configuration is uploaded
     *        and the curated dataset versions are
     * @param trainingConfig the service's training configuration, which the Train and Evaluate steps read
     * @param defaultDataset the dataset a run trains on unless it names one
     * @param groupServesDataset whether the model package group has an approved model trained on a dataset (by
     *        name): the quality gate lets a first model through only where it has none
     */
    public SageMakerPipelineLauncher(SageMakerClient sageMaker, SageMakerPipelineDefinition definition,
            SageMakerPipelineSettings settings, ObjectStore store, Path trainingConfig, String defaultDataset,
            Predicate<String> groupServesDataset) {
        this.sageMaker = sageMaker;
        this.definition = definition;
        this.settings = settings;
        this.store = store;
        this.trainingConfig = trainingConfig;
        this.groupServesDataset = groupServesDataset;
        this.runParameters = new SageMakerRunParameters(settings.defaults(), settings.bucket(), defaultDataset,
                new DatasetVersions(store, JsonMapper.builder().build()));
    }

    /**
     * Uploads the training configuration under its content hash (an execution keeps reading the one it started
     * with) and answers its S3 URI.
     */
    String publishTrainingConfig() {
        try {
            byte[] bytes = Files.readAllBytes(trainingConfig);
            String key = "pipeline/sagemaker/config/" + Sha256.hex(bytes) + "/training.yml";
            store.put(key, bytes, "application/yaml");
            return "s3://" + settings.bucket() + "/" + key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training configuration " + trainingConfig, e);
        }
    }

    /**
     * Creates or updates the pipeline, then starts an execution; returns the execution ARN.
     *
     * @param parameters the run's, in the API's names or the definition's
     * @throws io.launchcast.forecast.pipeline.InvalidRunParametersException before any call when they cannot start
     *         a run
     */
    public String launch(Map<String, String> parameters) {
        Map<String, String> effective = runParameters.resolve(parameters);
        String document = definition.render(settings);
        try {
            sageMaker.describePipeline(b -> b.pipelineName(settings.pipelineName()));
            sageMaker.updatePipeline(b -> b.pipelineName(settings.pipelineName()).roleArn(settings.roleArn())
                    .pipelineDefinition(document).pipelineDescription("Launchcast cold-start training"));
        } catch (ResourceNotFoundException e) {
            sageMaker.createPipeline(b -> b.pipelineName(settings.pipelineName()).roleArn(settings.roleArn())
                    .pipelineDefinition(document).pipelineDescription("Launchcast cold-start training")
                    .clientRequestToken(UUID.randomUUID().toString()));
        }
        effective.put(SageMakerPipelineDefinition.TRAINING_CONFIG, publishTrainingConfig());
        // asked at every start, not left to the caller: the registry's state decides whether a first model may pass
        effective.put(SageMakerPipelineDefinition.GROUP_SERVES_DATASET, Boolean.toString(SageMakerRunParameters
                .datasetOf(effective.get(SageMakerRunParameters.DATASET_MANIFEST)).map(groupServesDataset::test)
                .orElse(false)));
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName(settings.pipelineName())
                .pipelineExecutionDisplayName("launchcast-" + System.currentTimeMillis())
                .clientRequestToken(UUID.randomUUID().toString())
                .pipelineParameters(effective.entrySet().stream()
                        .map(p -> Parameter.builder().name(p.getKey()).value(p.getValue()).build()).toList()))
                .pipelineExecutionArn();
        log.info("started SageMaker pipeline execution {} with {}", arn, effective);
        return arn;
    }

    /** Status of an execution as SageMaker reports it: Executing, Stopping, Stopped, Failed or Succeeded. */
    public String status(String executionArn) {
        DescribePipelineExecutionResponse execution = sageMaker.describePipelineExecution(
                b -> b.pipelineExecutionArn(executionArn));
        return execution.pipelineExecutionStatusAsString()
                + (execution.failureReason() == null ? "" : ": " + execution.failureReason());
    }
}
