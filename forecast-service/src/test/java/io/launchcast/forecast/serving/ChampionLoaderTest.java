package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.CorruptModelArtifactException;
import io.launchcast.forecast.registry.ModelRegistryContract;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.local.ObjectStoreModelRegistry;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newly approved model is built beside the serving one when the heap can hold both, so forecasts never stop; when
 * it cannot, the serving one is let go first (forecasts answered as loading), and given back if the new one fails.
 */
class ChampionLoaderTest {

    private static final String GROUP = "loader-test";
    private static final HeapRoom ROOMY = new HeapRoom(1L << 20, 1L << 40);
    /** Nothing more fits: not even a build measured as taking nothing, nor three times the live heap. */
    private static final HeapRoom FULL = new HeapRoom(1000L << 20, 1000L << 20);

    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private ObjectStoreModelRegistry registry;
    private final ChampionModel champion = new ChampionModel(GROUP);
    private HeapRoom heap = ROOMY;
    private final RecordingLoader models = new RecordingLoader();
    private ChampionLoader loader;

    @BeforeEach
    void setUp() {
        store = new DirectoryObjectStore(work);
        registry = new ObjectStoreModelRegistry(store, JsonMapper.builder().build(),
                Clock.systemUTC());
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("loader", models));
        loader = new ChampionLoader(registry, champion, beans.getBeanProvider(ServingModelLoader.class), () -> heap);
    }

    @Test
    void withRoomTheServingModelAnswersWhileTheApprovedOneIsBuilt() {
        approve(1);
        loader.refresh();
        approve(2);

        loader.refresh();

        assertThat(models.servingDuringLoad).containsExactly("none", GROUP + "/1");
        assertThat(champion.get().version()).isEqualTo(GROUP + "/2");
    }

    @Test
    void aHeapThatCannotHoldBothLetsTheServingModelGoBeforeTheApprovedOneIsBuilt() {
        approve(1);
        loader.refresh();
        approve(2);
        heap = FULL;

        loader.refresh();

        assertThat(models.servingDuringLoad).containsExactly("none", "loading " + GROUP + "/2");
        assertThat(champion.get().version()).isEqualTo(GROUP + "/2");
    }

    @Test
    void anApprovedModelThatCannotBeLoadedGivesBackTheOneLetGoForIt() {
        approve(1);
        loader.refresh();
        approve(2);
        heap = FULL;
        models.failing = GROUP + "/2";

        assertThatThrownBy(loader::refresh).hasMessageContaining("artifact unreadable");

        assertThat(champion.get().version()).isEqualTo(GROUP + "/1");
        assertThat(champion.get().knowledge()).isEqualTo(models.knowledgeOf(GROUP + "/1"));
    }

    @Test
    void anApprovedModelWhoseArtifactIsCorruptLetsNothingGo() {
        approve(1);
        loader.refresh();
        ModelVersion second = approve(2);
        store.put(second.artifactKey(), "tampered".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/octet-stream");
        heap = FULL;

        assertThatThrownBy(loader::refresh).isInstanceOf(CorruptModelArtifactException.class);

        assertThat(models.servingDuringLoad).as("no load started").containsExactly("none");
        assertThat(champion.get().version()).isEqualTo(GROUP + "/1");
    }

    @Test
    void whenNeitherLoadsRequestsAreToldThereIsNoModelNotThatOneIsLoading() {
        approve(1);
        loader.refresh();
        approve(2);
        heap = FULL;
        models.failing = "any";

        assertThatThrownBy(loader::refresh).hasMessageContaining("artifact unreadable");

        assertThat(champion.loaded()).isEmpty();
        assertThatThrownBy(champion::get).isNotInstanceOf(ChampionLoadingException.class)
                .hasMessageContaining("no approved model");
    }

    private ModelVersion approve(int expected) {
        ModelVersion version = registry.register(ModelRegistryContract.registration(GROUP, "artifact", 50));
        assertThat(version.version()).isEqualTo(expected);
        return registry.decide(GROUP, version.version(), ApprovalStatus.Approved, "test", "test");
    }

    /** Serves fixed-curve models, noting what was serving whenever one is being loaded. */
    private final class RecordingLoader implements ServingModelLoader {

        final List<String> servingDuringLoad = new ArrayList<>();
        /** The version whose load fails ("any": every one). */
        String failing = "";

        Knowledge knowledgeOf(String version) {
            return new Knowledge(GROUP, "data-of-" + version, true);
        }

        @Override
        public Knowledge knowledge(ModelVersion version) {
            return knowledgeOf(version.id().toString());
        }

        @Override
        public ServingModel load(ModelVersion version, Knowledge knowledge, byte[] artifact) {
            String id = version.id().toString();
            servingDuringLoad.add(champion.loaded().map(ServingModel::version).orElseGet(() -> {
                try {
                    champion.get();
                    return "?";
                } catch (ChampionLoadingException e) {
                    return "loading " + e.loading();
                } catch (RuntimeException e) {
                    return "none";
                }
            }));
            if (failing.equals(id) || failing.equals("any")) {
                throw new IllegalStateException("artifact unreadable: " + id);
            }
            FixedCurveServingModel model = new FixedCurveServingModel(id);
            model.knowledge = knowledge;
            return model;
        }
    }
}
