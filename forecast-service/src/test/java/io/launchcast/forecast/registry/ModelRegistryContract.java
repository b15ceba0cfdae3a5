package io.launchcast.forecast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ModelRegistry} adapter must do; each test uses its own fresh group. */
public interface ModelRegistryContract {

    ModelRegistry registry();

    private static String freshGroup() {
        return "contract-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ModelRegistration registration(String group, String artifact, double wape) {
        Lineage lineage = new Lineage(
                List.of(new DatasetLineage("visuelle", "v-1", "curated/visuelle/v=v-1/_manifest.json", "sha256:aa")),
                "features-1", "sha256:ff", "sha256:ts", "training-sets/ts/manifest.json", Map.of("rounds", "200", "eta", "0.05"), 42L, "0.1.0+abc",
                "{\"class-name\":\"org.tribuo.Model\"}");
        return new ModelRegistration(group, artifact.getBytes(StandardCharsets.UTF_8), Map.of("wape", wape), lineage);
    }

    @Test
    default void registersNumberedVersionsPendingApprovalWithLineage() {
        String group = freshGroup();

        ModelVersion first = registry().register(registration(group, "model-a", 55.1));
        ModelVersion second = registry().register(registration(group, "model-b", 54.2));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(ApprovalStatus.PendingManualApproval);
        ModelVersion read = registry().version(group, 2);
        assertThat(read.metrics()).containsEntry("wape", 54.2);
        assertThat(read.lineage().datasets()).extracting(DatasetLineage::contentHash).containsExactly("sha256:aa");
        assertThat(read.lineage().hyperparameters()).containsEntry("rounds", "200");
        assertThat(read.lineage().seed()).isEqualTo(42L);
        assertThat(registry().versions(group)).extracting(ModelVersion::version).containsExactly(1, 2);
        assertThat(registry().groups()).contains(group);
    }

    @Test
    default void approvalMakesTheChampionAndRejectionHandsItBack() {
        String group = freshGroup();
        registry().register(registration(group, "m1", 56));
        registry().register(registration(group, "m2", 55));
        assertThat(registry().champion(group)).isEmpty();

        registry().decide(group, 1, ApprovalStatus.Approved, "beats baseline", "alice");
        registry().decide(group, 2, ApprovalStatus.Approved, "better still", "alice");
        assertThat(registry().champion(group)).get().extracting(ModelVersion::version).isEqualTo(2);

        ModelVersion rejected = registry().decide(group, 2, ApprovalStatus.Rejected, "bias in AW19", "bob");
        assertThat(rejected.history()).last().extracting(ApprovalDecision::reason).isEqualTo("bias in AW19");
        assertThat(registry().champion(group)).get().extracting(ModelVersion::version).isEqualTo(1);
    }

    @Test
    default void artifactComesBackByteForByte() {
        String group = freshGroup();
        ModelVersion version = registry().register(registration(group, "the exact bytes", 50));

        assertThat(new String(registry().artifact(group, version.version()), StandardCharsets.UTF_8))
                .isEqualTo("the exact bytes");
    }

    @Test
    default void unknownVersionIsReportedAsSuch() {
        String group = freshGroup();
        registry().register(registration(group, "x", 1));

        assertThatThrownBy(() -> registry().version(group, 7)).isInstanceOf(UnknownModelVersionException.class);
        assertThatThrownBy(() -> registry().decide(group, 7, ApprovalStatus.Approved, "r", "a"))
                .isInstanceOf(UnknownModelVersionException.class);
        assertThat(registry().versions("no-such-group")).isEmpty();
    }

    @Test
    default void aDecisionCannotReturnAVersionToPending() {
        String group = freshGroup();
        registry().register(registration(group, "x", 1));

        assertThatThrownBy(() -> registry().decide(group, 1, ApprovalStatus.PendingManualApproval, "r", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
