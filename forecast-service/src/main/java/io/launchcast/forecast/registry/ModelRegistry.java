package io.launchcast.forecast.registry;

import java.util.List;
import java.util.Optional;

/**
 * Model package groups, their versions and the champion alias. Implementations keep every version forever
 * (rejected ones included) so lineage and audits never break.
 */
public interface ModelRegistry {

    /**
     * Registers a new version in {@link ApprovalStatus#PendingManualApproval}, creating the group if needed.
     * The artifact is stored before the version becomes visible.
     */
    ModelVersion register(ModelRegistration registration);

    /** Versions of a group, oldest first; empty if the group does not exist. */
    List<ModelVersion> versions(String group);

    /** Names of all groups, sorted. */
    List<String> groups();

    /**
     * One version.
     *
     * @throws UnknownModelVersionException if the group has no such version
     */
    ModelVersion version(String group, int version);

    /**
     * Approves or rejects a version. Approving makes it the champion; rejecting the champion hands the alias back
     * to the previous approved version, if any.
     *
     * @throws UnknownModelVersionException if the group has no such version
     */
    ModelVersion decide(String group, int version, ApprovalStatus status, String reason, String decidedBy);

    /** The version serving should use: the most recently approved one still approved, if any. */
    Optional<ModelVersion> champion(String group);

    /**
     * The artifact's bytes, checked against the registered SHA-256.
     *
     * @throws UnknownModelVersionException if the group has no such version
     * @throws CorruptModelArtifactException if the stored bytes do not match their hash
     */
    byte[] artifact(String group, int version);
}
