package io.launchcast.forecast.registry;

import io.launchcast.platform.io.Sha256;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Registry rules every adapter applies the same way. */
public final class ModelVersions {

    private ModelVersions() {
    }

    /** The champion among a group's versions: the most recently approved one still approved. */
    public static Optional<ModelVersion> champion(List<ModelVersion> versions) {
        return versions.stream()
                .filter(v -> v.status() == ApprovalStatus.Approved)
                .max(Comparator.comparing((ModelVersion v) -> v.history().get(v.history().size() - 1).decidedAt())
                        .thenComparingInt(ModelVersion::version));
    }

    /**
     * The artifact bytes, once they match the hash the version was registered with.
     *
     * @throws CorruptModelArtifactException if they do not
     */
    public static byte[] verified(ModelVersion version, byte[] bytes) {
        String actual = sha256(bytes);
        if (!actual.equals(version.artifactSha256())) {
            throw new CorruptModelArtifactException(version.group(), version.version(), version.artifactSha256(), actual);
        }
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /** A decision approves or rejects; nothing returns a version to pending. */
    public static void requireDecision(ApprovalStatus status) {
        if (status == ApprovalStatus.PendingManualApproval) {
            throw new IllegalArgumentException("a decision approves or rejects; it cannot return a version to pending");
        }
    }
}
