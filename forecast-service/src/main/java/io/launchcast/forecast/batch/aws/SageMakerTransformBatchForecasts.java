package io.launchcast.forecast.batch.aws;

import io.launchcast.forecast.batch.BatchForecastJob;
import io.launchcast.forecast.batch.RemoteBatchForecasts;
import io.launchcast.forecast.serving.ChampionModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * aws mode's batch forecasts: each job becomes a SageMaker transform job named after it, running the champion's
 * model package over the input and writing next to the requested output prefix. A service restarted while the
 * transform runs finds it by name and follows it rather than starting a second one.
 */
public class SageMakerTransformBatchForecasts implements RemoteBatchForecasts {

    private static final Logger log = LoggerFactory.getLogger(SageMakerTransformBatchForecasts.class);

    private final SageMakerBatchTransform transform;
    private final ChampionModel champion;
    private final Function<String, String> modelPackageArnOfVersion;
    private final Duration pollEvery;
    private final Clock clock;

    /**
     * @param modelPackageArnOfVersion the model package ARN of a serving model version such as
     *                                 {@code launch-demand/3}
     */
    public SageMakerTransformBatchForecasts(SageMakerBatchTransform transform, ChampionModel champion,
            Function<String, String> modelPackageArnOfVersion, Duration pollEvery, Clock clock) {
        this.transform = transform;
        this.champion = champion;
        this.modelPackageArnOfVersion = modelPackageArnOfVersion;
        this.pollEvery = pollEvery;
        this.clock = clock;
    }

    /** SageMaker job names allow 63 characters of letters, digits and hyphens; a job id is a UUID. */
    static String transformJobName(BatchForecastJob job) {
        return "launchcast-" + job.id();
    }

    @Override
    public BatchForecastJob run(BatchForecastJob job, UnaryOperator<BatchForecastJob> save) {
        String name = transformJobName(job);
        Instant started = job.startedAt() != null ? job.startedAt() : Instant.now(clock);
        String version = job.modelVersion();
        try {
            if (transform.find(name).isEmpty()) {
                version = champion.get().version();
                transform.start(name, modelPackageArnOfVersion.apply(version), job.inputUri(), job.outputPrefix());
            } else {
                log.info("batch forecast job {}: transform job {} already exists, following it", job.id(), name);
            }
            String model = version;
            BatchForecastJob running = save.apply(job.with("RUNNING", 0, 0, 0, 0, 0, 0, started, null, null, model));
            DescribeTransformJobResponse end = transform.follow(name, pollEvery, d -> { });
            Instant finished = end.transformEndTime() != null ? end.transformEndTime() : Instant.now(clock);
            if (end.transformJobStatus() == TransformJobStatus.COMPLETED) {
                // SageMaker reports no row counts: the output objects are the record of what was done
                return save.apply(running.with("SUCCEEDED", job.inputBytes(), 0, 0, 0, 0, 0, started, finished, null,
                        model));
            }
            String reason = end.transformJobStatus() == TransformJobStatus.STOPPED
                    ? "transform job " + name + " was stopped"
                    : "transform job " + name + " failed: " + end.failureReason();
            return save.apply(running.with("FAILED", 0, 0, 0, 0, 0, 0, started, finished, reason, model));
        } catch (RuntimeException e) {
            log.error("batch forecast job {} could not run as transform job {}", job.id(), name, e);
            return save.apply(job.with("FAILED", 0, 0, 0, 0, 0, 0, started, Instant.now(clock),
                    "SageMaker transform job " + name + ": " + e.getMessage(), version));
        }
    }
}
