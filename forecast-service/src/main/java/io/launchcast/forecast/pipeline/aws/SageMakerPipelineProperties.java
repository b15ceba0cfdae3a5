package io.launchcast.forecast.pipeline.aws;

import io.launchcast.forecast.pipeline.GateThresholds;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The training pipeline on SageMaker Pipelines (aws mode, {@code launchcast.pipeline.type=aws}). The image, the
 * bucket and the model package group are not repeated here: they are the registry's inference image, the object
 * store's bucket and the registry's default group.
 *
 * @param pipelineName the SageMaker pipeline this service creates on its first launch and updates afterwards;
 *        the infra app scopes the service's rights to this name
 * @param roleArn the execution role SageMaker assumes for every step (the infra app's pipeline role)
 * @param instanceType instance type of the processing and training steps
 * @param datasetManifest default of the {@code DatasetManifest} parameter (a launch names the dataset version)
 * @param hyperparameters defaults of the training step's hyperparameters, each a {@code Hp<name>} parameter
 */
@Validated
@ConfigurationProperties("launchcast.pipeline.sagemaker")
// the application's @ConfigurationPropertiesScan finds this record too; the condition keeps local mode from
// binding (and failing on) settings it has no use for
@ConditionalOnProperty(prefix = "launchcast.pipeline", name = "type", havingValue = "aws")
public record SageMakerPipelineProperties(
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}") String pipelineName,
        @NotBlank @Pattern(regexp = "arn:aws[a-z-]*:iam::\\d{12}:role/.+") String roleArn,
        @DefaultValue("ml.m5.xlarge") @Pattern(regexp = "ml\\.[a-z0-9]+\\.[a-z0-9]+") String instanceType,
        @DefaultValue("") @NotNull String datasetManifest,
        @DefaultValue Map<@Pattern(regexp = "[A-Za-z][A-Za-z0-9]*") String, @NotBlank String> hyperparameters) {

    /**
     * The pipeline parameters' defaults, named as the definition reads them; the quality gate's ({@code MaxWape},
     * {@code CoverageMin}, {@code CoverageMax}) are the local gate's settings, so both modes gate alike.
     */
    public Map<String, String> parameterDefaults(GateThresholds gate) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("DatasetManifest", datasetManifest);
        defaults.put("MaxWape", gate.maxWapeParameter());
        defaults.put("CoverageMin", Double.toString(gate.coverageMin()));
        defaults.put("CoverageMax", Double.toString(gate.coverageMax()));
        // set by the launcher on every start: from the registry, and the version's prefix from its manifest
        defaults.put(SageMakerPipelineDefinition.GROUP_SERVES_DATASET, "false");
        defaults.put(SageMakerRunParameters.DATASET_VERSION_URI, "");
        // why the run started (the retraining trigger's reason), kept with the execution
        defaults.put(SageMakerRunParameters.TRIGGER, "api");
        // set by the launcher on every start: where it uploaded the service's training configuration
        defaults.put(SageMakerPipelineDefinition.TRAINING_CONFIG, "");
        hyperparameters.forEach((name, value) -> defaults.put("Hp" + Character.toUpperCase(name.charAt(0))
                + name.substring(1), value));
        return defaults;
    }

    /** The settings of one account: these plus the image, bucket, group and gate the service already knows. */
    public SageMakerPipelineSettings settings(String image, String bucket, String modelPackageGroup,
            GateThresholds gate) {
        return new SageMakerPipelineSettings(pipelineName, roleArn, image, bucket, modelPackageGroup, instanceType,
                parameterDefaults(gate));
    }
}
