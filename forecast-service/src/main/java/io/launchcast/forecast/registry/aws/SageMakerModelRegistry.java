package io.launchcast.forecast.registry.aws;

import io.launchcast.forecast.registry.ApprovalDecision;
import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.forecast.registry.PipelineRegistration;
import io.launchcast.forecast.registry.UnknownModelVersionException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry on SageMaker Model Registry. Model package groups and versions, approval status and its
 * description live in SageMaker; the artifact and the full lineage JSON live in the object store (S3), where
 * SageMaker's {@code ModelDataUrl} points. Metrics and the lineage's key facts are copied into the package's
 * customer metadata so they show in the SageMaker console. A package the training pipeline's RegisterModel step
 * registered carries none of that: its {@link PipelineRegistration} beside its model data says the same.
 */
public class SageMakerModelRegistry implements ModelRegistry {

    static final List<String> CONTENT_TYPES = List.of("application/json", "application/jsonlines", "text/csv");
    private static final String METRIC_PREFIX = "metric.";

    private final SageMakerClient sageMaker;
    private final ObjectStore store;
    private final JsonMapper json;
    private final String imageUri;
    /** Version folders whose monitoring baseline is known to be published (no look-up on every listing). */
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    public SageMakerModelRegistry(SageMakerClient sageMaker, ObjectStore store, JsonMapper json, String imageUri) {
        this.sageMaker = sageMaker;
        this.store = store;
        this.json = json;
        this.imageUri = imageUri;
    }

    @Override
    public ModelVersion register(ModelRegistration registration) {
        String group = registration.group();
        ensureGroup(group);
        String sha = ModelVersions.sha256(registration.artifact());
        String base = "models/" + group + "/artifacts/" + sha + "/";
        // content-addressed: a retried registration rewrites identical bytes, never a different model
        store.put(base + "artifact.bin", registration.artifact(), "application/octet-stream");
        store.put(base + "lineage.json", json.writeValueAsBytes(registration.lineage()), "application/json");

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("artifactKey", base + "artifact.bin");
        metadata.put("artifactSha256", sha);
        metadata.put("lineageKey", base + "lineage.json");
        metadata.put("trainingSetHash", registration.lineage().trainingSetHash());
        metadata.put("featureDefinitionsVersion", registration.lineage().featureDefinitionsVersion());
        metadata.put("codeVersion", registration.lineage().codeVersion());
        metadata.put("seed", Long.toString(registration.lineage().seed()));
        registration.metrics().forEach((name, value) -> metadata.put(METRIC_PREFIX + name, Double.toString(value)));

        String arn = call(() -> sageMaker.createModelPackage(b -> b
                .modelPackageGroupName(group)
                .modelPackageDescription("Launchcast cold-start demand model")
                .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                .inferenceSpecification(spec -> spec
                        .containers(c -> c.image(imageUri).modelDataUrl(store.uri(base + "artifact.bin").toString()))
                        .supportedContentTypes(CONTENT_TYPES)
                        .supportedResponseMIMETypes(CONTENT_TYPES))
                .customerMetadataProperties(metadata)).modelPackageArn());
        return describe(arn);
    }

    @Override
    public List<ModelVersion> versions(String group) {
        List<ModelVersion> versions = new ArrayList<>();
        try {
            for (ModelPackageSummary summary : sageMaker.listModelPackagesPaginator(b -> b.modelPackageGroupName(group)
                    .sortBy(ModelPackageSortBy.CREATION_TIME).sortOrder(SortOrder.ASCENDING)).modelPackageSummaryList()) {
                versions.add(describe(summary.modelPackageArn()));
            }
        } catch (SageMakerException e) {
            if (isMissing(e)) {
                return List.of();
            }
            throw new SageMakerRegistryException("listing " + group + " failed: " + e.getMessage(), e);
        }
        versions.sort(Comparator.comparingInt(ModelVersion::version));
        return versions;
    }

    @Override
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        call(() -> sageMaker.listModelPackageGroupsPaginator(b -> b.sortBy("Name").sortOrder(SortOrder.ASCENDING))
                .modelPackageGroupSummaryList()).forEach(g -> groups.add(g.modelPackageGroupName()));
        return groups;
    }

    @Override
    public ModelVersion version(String group, int version) {
        return versions(group).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new UnknownModelVersionException(group, version));
    }

    @Override
    public ModelVersion decide(String group, int version, ApprovalStatus status, String reason, String decidedBy) {
        ModelVersions.requireDecision(status);
        String arn = arnOf(group, version);
        call(() -> sageMaker.updateModelPackage(b -> b.modelPackageArn(arn)
                .modelApprovalStatus(ModelApprovalStatus.fromValue(status.name()))
                .approvalDescription(truncate(reason + " (by " + decidedBy + ")", 1024))));
        return describe(arn);
    }

    @Override
    public Optional<ModelVersion> champion(String group) {
        return ModelVersions.champion(versions(group));
    }

    @Override
    public byte[] artifact(String group, int version) {
        ModelVersion model = version(group, version);
        return ModelVersions.verified(model, store.read(model.artifactKey()));
    }

    private void ensureGroup(String group) {
        try {
            sageMaker.describeModelPackageGroup(b -> b.modelPackageGroupName(group));
        } catch (SageMakerException e) {
            if (!isMissing(e)) {
                throw new SageMakerRegistryException("describing group " + group + " failed: " + e.getMessage(), e);
            }
            call(() -> sageMaker.createModelPackageGroup(b -> b.modelPackageGroupName(group)
                    .modelPackageGroupDescription("Launchcast demand models for new products")));
        }
    }

    /** The ARN of a registered version's model package (what SageMaker runs for it). */
    public String modelPackageArn(String group, int version) {
        return arnOf(group, version);
    }

    private String arnOf(String group, int version) {
        try {
            return sageMaker.listModelPackagesPaginator(b -> b.modelPackageGroupName(group))
                    .modelPackageSummaryList().stream()
                    .filter(s -> s.modelPackageVersion() != null && s.modelPackageVersion() == version)
                    .map(ModelPackageSummary::modelPackageArn).findFirst()
                    .orElseThrow(() -> new UnknownModelVersionException(group, version));
        } catch (SageMakerException e) {
            if (isMissing(e)) {
                throw new UnknownModelVersionException(group, version);
            }
            throw new SageMakerRegistryException("listing " + group + " failed: " + e.getMessage(), e);
        }
    }

    private ModelVersion describe(String arn) {
        DescribeModelPackageResponse p = call(() -> sageMaker.describeModelPackage(b -> b.modelPackageName(arn)));
        Map<String, String> metadata = p.customerMetadataProperties();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Lineage lineage;
        String artifactKey;
        String artifactSha256;
        if (metadata.containsKey("lineageKey")) { // registered by this adapter
            metadata.forEach((key, value) -> {
                if (key.startsWith(METRIC_PREFIX)) {
                    metrics.put(key.substring(METRIC_PREFIX.length()), Double.valueOf(value));
                }
            });
            lineage = json.readValue(store.read(metadata.get("lineageKey")), Lineage.class);
            artifactKey = metadata.get("artifactKey");
            artifactSha256 = metadata.get("artifactSha256");
        } else { // registered by the training pipeline's RegisterModel step: its files lie beside the model data
            String folder = pipelineFolder(p);
            PipelineRegistration registration = json.readValue(store.read(folder + PipelineRegistration.FILE),
                    PipelineRegistration.class);
            metrics.putAll(new TreeMap<>(registration.metrics()));
            lineage = json.readValue(store.read(folder + registration.lineage()), Lineage.class);
            artifactKey = folder + registration.artifact();
            artifactSha256 = registration.artifactSha256();
            if (registration.monitoring() != null) {
                publishBaseline(folder + registration.monitoring(),
                        PipelineRegistration.baselineFolder(p.modelPackageGroupName(), p.modelPackageVersion()));
            }
        }
        ApprovalStatus status = ApprovalStatus.valueOf(p.modelApprovalStatusAsString());
        List<ApprovalDecision> history = status == ApprovalStatus.PendingManualApproval ? List.of()
                : List.of(new ApprovalDecision(status, p.approvalDescription(),
                        p.lastModifiedBy() == null ? null : p.lastModifiedBy().userProfileName(),
                        p.lastModifiedTime() == null ? p.creationTime() : p.lastModifiedTime()));
        return new ModelVersion(p.modelPackageGroupName(), p.modelPackageVersion(), status, p.creationTime(), metrics,
                lineage, artifactKey, artifactSha256, history);
    }

    /**
     * A pipeline-registered package's monitoring baseline, copied where the monitor reads a version's baseline: the
     * pipeline could not write it there, as SageMaker numbers the version only when it registers it. Copied once
     * (the version's folder then holds it; an operator's later edit of its thresholds is kept).
     */
    private void publishBaseline(String from, String to) {
        if (published.contains(to) || store.head(to + "statistics.json").isPresent()) {
            published.add(to);
            return;
        }
        // the statistics last: the monitor takes a version's baseline to exist when its statistics do
        List<String> keys = new ArrayList<>(store.list(from).stream().map(ObjectSummary::key).toList());
        keys.sort(Comparator.comparing((String key) -> key.endsWith("/statistics.json")));
        for (String key : keys) {
            store.put(to + key.substring(from.length()), store.read(key), "application/json");
        }
        published.add(to);
    }

    /**
     * The folder (key prefix) of a pipeline-registered package's model data, where its {@link PipelineRegistration}
     * is; refused, naming the package, when the package is none of ours.
     */
    private String pipelineFolder(DescribeModelPackageResponse p) {
        String modelData = p.inferenceSpecification() == null || p.inferenceSpecification().containers().isEmpty()
                ? null : p.inferenceSpecification().containers().get(0).modelDataUrl();
        String key;
        try {
            key = modelData == null ? "" : store.keyOf(URI.create(modelData));
        } catch (IllegalArgumentException e) {
            key = "";
        }
        if (!key.endsWith("/" + PipelineRegistration.MODEL_DATA)) {
            throw new SageMakerRegistryException("model package " + p.modelPackageArn() + " was registered neither by "
                    + "this service nor by its training pipeline (no Launchcast metadata; model data " + modelData
                    + " is not a pipeline's " + PipelineRegistration.MODEL_DATA + " in this suite's bucket)", null);
        }
        return key.substring(0, key.length() - PipelineRegistration.MODEL_DATA.length());
    }

    private static boolean isMissing(SageMakerException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return e.statusCode() == 400 && (message.contains("does not exist") || message.contains("not found"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SageMakerException e) {
            throw new SageMakerRegistryException("SageMaker Model Registry call failed: " + e.getMessage(), e);
        }
    }

}
