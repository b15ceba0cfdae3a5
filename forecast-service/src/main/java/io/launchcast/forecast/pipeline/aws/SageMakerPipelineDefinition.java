package io.launchcast.forecast.pipeline.aws;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The training pipeline as a SageMaker Pipeline definition (schema version 2020-12-01): the same steps as the
 * local runner. Prepare and Evaluate are processing jobs and Train a training job, all running this service's
 * image under SageMaker's container contracts; a Condition step is the quality gate (WAPE from the evaluation
 * report's property file against a parameter), followed by RegisterModel or a Fail step with the report.
 * Caching is SageMaker's own step cache, keyed like ours by step arguments.
 */
public final class SageMakerPipelineDefinition {

    static final String CONTENT_TYPE_LIST = "application/json,application/jsonlines,text/csv";
    /** The parameter naming the training configuration's S3 object (the launcher uploads the service's own). */
    public static final String TRAINING_CONFIG = "TrainingConfig";

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
            parameters.addObject().put("Name", parameter.getKey()).put("Type", "String")
                    .put("DefaultValue", parameter.getValue());
        }
        ArrayNode steps = root.putArray("Steps");
        String s3 = "s3://" + settings.bucket() + "/";
        steps.add(processing(settings, "Prepare", "prepare",
                List.of(input("dataset", s3 + "curated/")), output("training-set", s3 + "pipeline/sagemaker/training-sets/")));
        steps.add(training(settings, s3));
        ObjectNode evaluate = processing(settings, "Evaluate", "evaluate",
                List.of(input("model", get("Steps.Train.ModelArtifacts.S3ModelArtifacts")),
                        input("training-set", get("Steps.Prepare.ProcessingOutputConfig.Outputs['training-set'].S3Output.S3Uri")),
                        input("config", get("Parameters." + TRAINING_CONFIG))),
                output("evaluation", s3 + "pipeline/sagemaker/evaluations/"));
        evaluate.putArray("PropertyFiles").addObject().put("PropertyFileName", "Metrics")
                .put("OutputName", "evaluation").put("FilePath", "evaluation.json");
        steps.add(evaluate);
        steps.add(gate(settings));
        return json.writeValueAsString(root);
    }

    private ObjectNode processing(SageMakerPipelineSettings settings, String name, String command,
            List<ObjectNode> inputs, ObjectNode output) {
        ObjectNode step = json.createObjectNode().put("Name", name).put("Type", "Processing");
        ObjectNode args = step.putObject("Arguments");
        args.putObject("AppSpecification").put("ImageUri", settings.image())
                .putArray("ContainerArguments").add(command);
        args.put("RoleArn", settings.roleArn());
        ObjectNode cluster = args.putObject("ProcessingResources").putObject("ClusterConfig");
        cluster.put("InstanceCount", 1).put("InstanceType", settings.instanceType()).put("VolumeSizeInGB", 30);
        ArrayNode in = args.putArray("ProcessingInputs");
        inputs.forEach(in::add);
        args.putObject("ProcessingOutputConfig").putArray("Outputs").add(output);
        args.putObject("Environment").set("DATASET_MANIFEST", get("Parameters.DatasetManifest"));
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
        ObjectNode condition = args.putArray("Conditions").addObject().put("Type", "LessThanOrEqualTo");
        ObjectNode jsonGet = condition.putObject("LeftValue").putObject("Std:JsonGet");
        jsonGet.set("PropertyFile", get("Steps.Evaluate.PropertyFiles.Metrics"));
        jsonGet.put("Path", "metrics.wape");
        condition.set("RightValue", get("Parameters.MaxWape"));

        ObjectNode register = args.putArray("IfSteps").addObject().put("Name", "Register").put("Type", "RegisterModel");
        ObjectNode registerArgs = register.putObject("Arguments");
        registerArgs.put("ModelPackageGroupName", settings.modelPackageGroup());
        registerArgs.put("ModelApprovalStatus", "PendingManualApproval");
        ObjectNode inference = registerArgs.putObject("InferenceSpecification");
        inference.putArray("Containers").addObject().put("Image", settings.image())
                .set("ModelDataUrl", get("Steps.Train.ModelArtifacts.S3ModelArtifacts"));
        ArrayNode contentTypes = inference.putArray("SupportedContentTypes");
        ArrayNode responseTypes = inference.putArray("SupportedResponseMIMETypes");
        for (String type : CONTENT_TYPE_LIST.split(",")) {
            contentTypes.add(type);
            responseTypes.add(type);
        }
        ObjectNode fail = args.putArray("ElseSteps").addObject().put("Name", "GateFailed").put("Type", "Fail");
        fail.putObject("Arguments").put("ErrorMessage",
                "quality gate failed: evaluation WAPE is above Parameters.MaxWape; see the Evaluate step's report");
        return step;
    }

    private ObjectNode input(String name, Object source) {
        ObjectNode input = json.createObjectNode().put("InputName", name);
        ObjectNode s3 = input.putObject("S3Input");
        if (source instanceof ObjectNode reference) {
            s3.set("S3Uri", reference);
        } else {
            s3.put("S3Uri", source.toString());
        }
        s3.put("LocalPath", "/opt/ml/processing/input/" + name).put("S3DataType", "S3Prefix")
                .put("S3InputMode", "File");
        return input;
    }

    private ObjectNode output(String name, String s3Uri) {
        ObjectNode output = json.createObjectNode().put("OutputName", name);
        output.putObject("S3Output").put("S3Uri", s3Uri + name).put("LocalPath", "/opt/ml/processing/output/" + name)
                .put("S3UploadMode", "EndOfJob");
        return output;
    }

    private ObjectNode get(String path) {
        return json.createObjectNode().put("Get", path);
    }
}
