package io.launchcast.forecast.registry;

import io.launchcast.platform.models.ModelVersionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered model version (a model package, in SageMaker's words).
 *
 * @param group the model package group
 * @param version 1, 2, 3... within the group, in registration order
 * @param status current approval status
 * @param metrics evaluation metrics by name (e.g. {@code wape}, {@code coverage_p10_p90})
 * @param artifactKey object-store key of the serialized model
 * @param artifactSha256 SHA-256 of the artifact bytes, checked on every load
 * @param history approval decisions, oldest first
 */
public record ModelVersion(String group, int version, ApprovalStatus status, Instant registeredAt,
        Map<String, Double> metrics, Lineage lineage, String artifactKey, String artifactSha256,
        List<ApprovalDecision> history) {

    public ModelVersion {
        metrics = Map.copyOf(metrics);
        history = List.copyOf(history);
    }

    /** The id its forecasts carry ({@code launch-demand/2}), which monitoring finds the version by. */
    public ModelVersionId id() {
        return new ModelVersionId(group, version);
    }

    /** The same version after a decision. */
    public ModelVersion decided(ApprovalDecision decision) {
        List<ApprovalDecision> updated = new java.util.ArrayList<>(history);
        updated.add(decision);
        return new ModelVersion(group, version, decision.status(), registeredAt, metrics, lineage, artifactKey,
                artifactSha256, updated);
    }
}
