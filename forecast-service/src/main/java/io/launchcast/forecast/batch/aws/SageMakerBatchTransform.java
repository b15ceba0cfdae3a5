package io.launchcast.forecast.batch.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.BatchStrategy;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.JoinSource;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SplitType;
import software.amazon.awssdk.services.sagemaker.model.AssemblyType;
import software.amazon.awssdk.services.sagemaker.model.TransformInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * Batch forecasts on SageMaker Batch Transform, with the same semantics as the local runner: the input is split
 * by line, sent in multi-record batches to this service's container ({@code /invocations}), and each output line
 * is joined to its input line. The SageMaker model is created from the approved model package if it does not
 * exist yet.
 */
public class SageMakerBatchTransform {

    private static final Logger log = LoggerFactory.getLogger(SageMakerBatchTransform.class);

    private final SageMakerClient sageMaker;
    private final String executionRoleArn;
    private final String instanceType;

    public SageMakerBatchTransform(SageMakerClient sageMaker, String executionRoleArn, String instanceType) {
        this.sageMaker = sageMaker;
        this.executionRoleArn = executionRoleArn;
        this.instanceType = instanceType;
    }

    /**
     * Starts a transform job over {@code inputUri} (JSON Lines) writing to {@code outputUri}.
     *
     * @param modelPackageArn the approved model package to run
     * @return the transform job's name
     */
    public String start(String jobName, String modelPackageArn, String inputUri, String outputUri) {
        String modelName = ensureModel(modelPackageArn);
        sageMaker.createTransformJob(b -> b.transformJobName(jobName)
                .modelName(modelName)
                .batchStrategy(BatchStrategy.MULTI_RECORD)
                .maxPayloadInMB(6)
                .transformInput(in -> in.contentType("application/jsonlines").splitType(SplitType.LINE)
                        .dataSource(ds -> ds.s3DataSource(s3 -> s3.s3DataType("S3Prefix").s3Uri(inputUri))))
                .transformOutput(out -> out.s3OutputPath(outputUri).accept("application/jsonlines")
                        .assembleWith(AssemblyType.LINE))
                .dataProcessing(p -> p.joinSource(JoinSource.INPUT))
                .transformResources(r -> r.instanceType(TransformInstanceType.fromValue(instanceType)).instanceCount(1)));
        log.info("started SageMaker transform job {} with model {} on {}", jobName, modelName, inputUri);
        return jobName;
    }

    /** The job named {@code jobName}, if SageMaker knows it (a restarted service follows it instead of starting it again). */
    public Optional<DescribeTransformJobResponse> find(String jobName) {
        try {
            return Optional.of(sageMaker.describeTransformJob(b -> b.transformJobName(jobName)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SageMakerException e) {
            // DescribeTransformJob answers a ValidationException "Could not find requested job" for an unknown name
            if (e.statusCode() == 400 && String.valueOf(e.getMessage()).contains("Could not find")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Follows a job until it ends, reporting each poll; returns the final description.
     */
    public DescribeTransformJobResponse follow(String jobName, Duration pollEvery, Consumer<DescribeTransformJobResponse> progress) {
        while (true) {
            DescribeTransformJobResponse job = sageMaker.describeTransformJob(b -> b.transformJobName(jobName));
            progress.accept(job);
            TransformJobStatus status = job.transformJobStatus();
            if (status == TransformJobStatus.COMPLETED || status == TransformJobStatus.FAILED
                    || status == TransformJobStatus.STOPPED) {
                return job;
            }
            try {
                Thread.sleep(pollEvery.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private String ensureModel(String modelPackageArn) {
        // arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version> -> launchcast-<group>-<version>
        String[] path = modelPackageArn.substring(modelPackageArn.indexOf("model-package/") + 14).split("/");
        String modelName = ("launchcast-" + String.join("-", path)).replaceAll("[^a-zA-Z0-9-]", "-");
        try {
            sageMaker.describeModel(b -> b.modelName(modelName));
        } catch (ResourceNotFoundException e) {
            createModel(modelName, modelPackageArn);
        } catch (SageMakerException e) {
            if (e.statusCode() != 400) {
                throw e;
            }
            createModel(modelName, modelPackageArn); // DescribeModel answers a ValidationException for a missing model
        }
        return modelName;
    }

    private void createModel(String modelName, String modelPackageArn) {
        sageMaker.createModel(b -> b.modelName(modelName).executionRoleArn(executionRoleArn)
                .primaryContainer(c -> c.modelPackageName(modelPackageArn)));
    }
}
