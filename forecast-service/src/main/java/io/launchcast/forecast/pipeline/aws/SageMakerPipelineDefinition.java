package io.launchcast.forecast.pipeline.aws;

import io.launchcast.forecast.registry.PipelineRegistration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The training pipeline as a SageMaker Pipeline definition (schema version 2020-12-01): the same steps as the
 * local runner. Prepare and Evaluate are processing jobs and Train a training job, all running this service's
 * image under SageMaker's container contracts. Evaluate applies the quality gate ({@code QualityGate}, as the
 * local runner's gate step does) and writes its decision to a property file; a Condition step follows it, to
 * RegisterModel with the model Evaluate let through or to a Fail step with the gate's reason.
 * Caching is SageMaker's own step cache, keyed like ours by step arguments.
 */
public final class SageMakerPipelineDefinition {

    static final String CONTENT_TYPE_LIST = "application/json,application/jsonlines,text/csv";
    /** The parameter naming the training configuration's S3 object (the launcher uploads the service's own). */
    public static final String TRAINING_CONFIG = "TrainingConfig";
    /**
     * The parameter saying whether the group has an approved model trained on the run's dataset (the launcher
     * sets it): without one, the gate lets a first model through rather than leave the dataset with none.
     */
    public static final String GROUP_SERVES_DATASET = "GroupServesDataset";
    private static final String EVALUATE_OUTPUTS = "Steps.Evaluate.ProcessingOutputConfig.Outputs";
    /** Where each execution's step outputs go in the bucket, under the execution's id. */
    public static final String EXECUTIONS = "pipeline/sagemaker/executions/";

    private final JsonMapper json;

    public SageMakerPipelineDefinition(JsonMapper json) {
        this.json = json;
    }

    /** The definition document, as CreatePipeline / UpdatePipeline take it. */
    public String render(SageMakerPipelineSettings settings) {
        ObjectNode root = json.createObjectNode();
        root.put("Version", "2020-12-01");
        root.putObject("Metadata");
        ArrayNode parameters = root.putArray("Parameters");
        for (Map.Entry<String, String> parameter : new TreeMap<>(settings.defaults()).entrySet()) {
            ObjectNode declared = parameters.addObject().put("Name", parameter.getKey()).put("Type", "String");
            if (!parameter.getValue().isEmpty()) { // SageMaker refuses an empty string: the launcher sets these
                declared.put("DefaultValue", parameter.getValue());
            }
        }
        ArrayNode steps = root.putArray("Steps");
        String s3 = "s3://" + settings.bucket() + "/";
        steps.add(processing(settings, "Prepare", "prepare",
                List.of(input("dataset", get("Parameters." + SageMakerRunParameters.DATASET_VERSION_URI))),
                List.of(output(settings, "training-set")), Map.of()));
        steps.add(training(settings, s3));
        ObjectNode evaluate = processing(settings, "Evaluate", "evaluate",
                List.of(input("model", get("Steps.Train.ModelArtifacts.S3ModelArtifacts")),
                        input("training-set", get("Steps.Prepare.ProcessingOutputConfig.Outputs['training-set'].S3Output.S3Uri")),
                        input("config", get("Parameters." + TRAINING_CONFIG))),
                List.of(output(settings, "evaluation"), output(settings, "model")),
                gateEnvironment(settings));
        evaluate.putArray("PropertyFiles").addObject().put("PropertyFileName", "Metrics")
                .put("OutputName", "evaluation").put("FilePath", "evaluation.json");
        steps.add(evaluate);
        steps.add(gate(settings));
        return json.writeValueAsString(root);
    }

    /** What the Evaluate job's quality gate decides with: the thresholds and whether the group serves the dataset. */
    private Map<String, Object> gateEnvironment(SageMakerPipelineSettings settings) {
        Map<String, Object> environment = new TreeMap<>();
        environment.put("MAX_WAPE", get("Parameters.MaxWape"));
        environment.put("COVERAGE_MIN", get("Parameters.CoverageMin"));
        environment.put("COVERAGE_MAX", get("Parameters.CoverageMax"));
        environment.put("GROUP_SERVES_DATASET", get("Parameters." + GROUP_SERVES_DATASET));
        environment.put("MODEL_PACKAGE_GROUP", settings.modelPackageGroup());
        return environment;
    }

    private ObjectNode processing(SageMakerPipelineSettings settings, String name, String command,
            List<ObjectNode> inputs, List<ObjectNode> outputs, Map<String, Object> environment) {
        ObjectNode step = json.createObjectNode().put("Name", name).put("Type", "Processing");
        ObjectNode args = step.putObject("Arguments");
        args.putObject("AppSpecification").put("ImageUri", settings.image())
                .putArray("ContainerArguments").add(command);
        args.put("RoleArn", settings.roleArn());
        ObjectNode cluster = args.putObject("ProcessingResources").putObject("ClusterConfig");
        cluster.put("InstanceCount", 1).put("InstanceType", settings.instanceType()).put("VolumeSizeInGB", 30);
        ArrayNode in = args.putArray("ProcessingInputs");
        inputs.forEach(in::add);
        ArrayNode out = args.putObject("ProcessingOutputConfig").putArray("Outputs");
        outputs.forEach(out::add);
        ObjectNode variables = args.putObject("Environment");
        variables.set("DATASET_MANIFEST", get("Parameters.DatasetManifest"));
        environment.forEach((variable, value) -> variables.set(variable, value(value)));
        args.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 3600);
        step.putObject("CacheConfig").put("Enabled", true).put("ExpireAfter", "P30D");
        return step;
    }

    private ObjectNode training(SageMakerPipelineSettings settings, String s3) {
        ObjectNode step = json.createObjectNode().put("Name", "Train").put("Type", "Training");
        ObjectNode args = step.putObject("Arguments");
        args.putObject("AlgorithmSpecification").put("TrainingImage", settings.image()).put("TrainingInputMode", "File");
        ObjectNode hyperparameters = args.putObject("HyperParameters");
        for (String name : new TreeMap<>(settings.defaults()).keySet()) {
            if (name.startsWith("Hp")) {
                hyperparameters.set(name.substring(2), get("Parameters." + name));
            }
        }
        ObjectNode channel = args.putArray("InputDataConfig").addObject().put("ChannelName", "train");
        channel.putObject("DataSource").putObject("S3DataSource").put("S3DataType", "S3Prefix")
                .set("S3Uri", get("Steps.Prepare.ProcessingOutputConfig.Outputs['training-set'].S3Output.S3Uri"));
        ((ObjectNode) channel.get("DataSource").get("S3DataSource")).put("S3DataDistributionType", "FullyReplicated");
        // the training configuration, read by the job as input/data/config/training.yml
        ObjectNode config = args.withArray("InputDataConfig").addObject().put("ChannelName", "config");
        config.putObject("DataSource").putObject("S3DataSource").put("S3DataType", "S3Prefix")
                .put("S3DataDistributionType", "FullyReplicated").set("S3Uri", get("Parameters." + TRAINING_CONFIG));
        args.putObject("OutputDataConfig").put("S3OutputPath", s3 + "pipeline/sagemaker/models/");
        args.putObject("ResourceConfig").put("InstanceCount", 1).put("InstanceType", settings.instanceType())
                .put("VolumeSizeInGB", 30);
        args.put("RoleArn", settings.roleArn());
        args.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 7200);
        step.putArray("DependsOn").add("Prepare");
        step.putObject("CacheConfig").put("Enabled", true).put("ExpireAfter", "P30D");
        return step;
    }

    private ObjectNode gate(SageMakerPipelineSettings settings) {
        ObjectNode step = json.createObjectNode().put("Name", "QualityGate").put("Type", "Condition");
        ObjectNode args = step.putObject("Arguments");
        // the Evaluate job applied the gate (QualityGate, as the local runner does): this step follows its decision
        ObjectNode condition = args.putArray("Conditions").addObject().put("Type", "Equals");
        condition.set("LeftValue", evaluation("gate.passed"));
        condition.put("RightValue", true);

        ObjectNode register = args.putArray("IfSteps").addObject().put("Name", "Register").put("Type", "RegisterModel");
        ObjectNode registerArgs = register.putObject("Arguments");
        registerArgs.put("ModelPackageGroupName", settings.modelPackageGroup());
        registerArgs.put("ModelApprovalStatus", "PendingManualApproval");
        ObjectNode inference = registerArgs.putObject("InferenceSpecification");
        // what the gate let through: validation's choice, or on a first run the baseline that forecast better
        inference.putArray("Containers").addObject().put("Image", settings.image()).set("ModelDataUrl",
                join(get(EVALUATE_OUTPUTS + "['model'].S3Output.S3Uri"), "/" + PipelineRegistration.MODEL_DATA));
        ArrayNode contentTypes = inference.putArray("SupportedContentTypes");
        ArrayNode responseTypes = inference.putArray("SupportedResponseMIMETypes");
        for (String type : CONTENT_TYPE_LIST.split(",")) {
            contentTypes.add(type);
            responseTypes.add(type);
        }
        registerArgs.putObject("ModelMetrics").putObject("ModelQuality").putObject("Statistics")
                .put("ContentType", "application/json")
                .set("S3Uri", join(get(EVALUATE_OUTPUTS + "['evaluation'].S3Output.S3Uri"), "/evaluation.json"));
        ObjectNode fail = args.putArray("ElseSteps").addObject().put("Name", "GateFailed").put("Type", "Fail");
        fail.putObject("Arguments").set("ErrorMessage", join("quality gate failed: ", evaluation("gate.message")));
        return step;
    }

    /** A value of the Evaluate step's evaluation.json. */
    private ObjectNode evaluation(String path) {
        ObjectNode jsonGet = json.createObjectNode();
        jsonGet.putObject("Std:JsonGet").put("Path", path)
                .set("PropertyFile", get("Steps.Evaluate.PropertyFiles.Metrics"));
        return jsonGet;
    }

    /** The values (strings or expressions) joined into one string when the step runs. */
    private ObjectNode join(Object... values) {
        ObjectNode join = json.createObjectNode();
        ArrayNode parts = join.putObject("Std:Join").put("On", "").putArray("Values");
        for (Object value : values) {
            parts.add(value(value));
        }
        return join;
    }

    /** An expression ({@code Get}, {@code Std:*}) as it is, anything else as a string. */
    private JsonNode value(Object value) {
        return value instanceof ObjectNode expression ? expression : json.getNodeFactory().stringNode(value.toString());
    }

    private ObjectNode input(String name, Object source) {
        ObjectNode input = json.createObjectNode().put("InputName", name);
        ObjectNode s3 = input.putObject("S3Input");
        s3.set("S3Uri", value(source));
        s3.put("LocalPath", "/opt/ml/processing/input/" + name).put("S3DataType", "S3Prefix")
                .put("S3InputMode", "File");
        return input;
    }

    /**
     * A processing output under the execution's own prefix ({@code pipeline/sagemaker/<execution id>/<name>}): two
     * executions never overwrite each other's training set, evaluation or registered model.
     */
    private ObjectNode output(SageMakerPipelineSettings settings, String name) {
        ObjectNode output = json.createObjectNode().put("OutputName", name);
        output.putObject("S3Output").put("LocalPath", "/opt/ml/processing/output/" + name)
                .put("S3UploadMode", "EndOfJob").set("S3Uri", join("s3://" + settings.bucket() + "/" + EXECUTIONS,
                        get("Execution.PipelineExecutionId"), "/" + name));
        return output;
    }

    private ObjectNode get(String path) {
        return json.createObjectNode().put("Get", path);
    }
}
