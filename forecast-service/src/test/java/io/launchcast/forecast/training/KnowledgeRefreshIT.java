package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.local.ObjectStoreModelRegistry;
import io.launchcast.forecast.serving.ChampionLoader;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.Forecast;
import io.launchcast.forecast.serving.ForecastRequest;
import io.launchcast.forecast.serving.ForecastService;
import io.launchcast.forecast.serving.HeapRoom;
import io.launchcast.forecast.serving.Knowledge;
import io.launchcast.forecast.serving.NewProduct;
import io.launchcast.forecast.serving.ServingModelLoader;
import io.launchcast.forecast.serving.ServingProperties.KnowledgePolicy;
import io.launchcast.ingestion.folder.IngestFolderCommand;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A champion forecasts from the newest data of its dataset, not only from what it was trained on: a version
 * published after training brings its launches into the forecasts (as analogs, cohorts and levels) without a
 * retrained model, and a version whose features are defined otherwise is not served from.
 */
@ExtendWith(LocalCloudExtension.class)
class KnowledgeRefreshIT {

    private static final String TRAINING = """
            horizon: 8
            quantiles: [0.1, 0.5, 0.9]
            attributes: []
            split:
              cutoff: 2011-07-04
            baselines:
              knnAttributes: []
            backtest:
              enabled: false
            model:
              boosting: {rounds: 40}
            """;

    @TempDir
    Path work;
    private final ObjectStore store = LocalObjectStores.onLocalCloud();
    private final String dataset = "knowledge-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aNewerVersionOfTheDatasetIsForecastFromWithoutRetrainingAndASkewedOneIsNot() throws Exception {
        Path config = Files.writeString(work.resolve("training.yml"), TRAINING);
        Path summer = ingest("summer", "2011-08-31", false);
        ModelVersion model = trainAndApprove(summer, config);
        TrainingData data = new TrainingData(store, work.resolve("cache"));
        ChampionModel champion = new ChampionModel(dataset);
        ObjectStoreModelRegistry registry = registry();
        ChampionLoader loader = new ChampionLoader(registry, champion,
                loaderOf(new ArtifactServingModelLoader(data, new TrainingProperties(config, dataset, 10_000, 10_000),
                        KnowledgePolicy.LATEST)));
        ForecastService forecasts = new ForecastService(champion, Clock.systemUTC());
        ForecastRequest december = new ForecastRequest(List.of(new NewProduct("new-lantern",
                Map.of("description", "HANGING LANTERN GLASS STAR"), LocalDate.of(2011, 12, 5), null, 2.95)), null, null);

        loader.refresh();
        Forecast fromSummer = forecasts.forecast(december).get(0);
        TrainingData.Loaded summerLoaded = data.load(dataset, versionOf(summer), config);

        assertThat(fromSummer.modelVersion()).isEqualTo(model.id().toString());
        assertThat(fromSummer.knowledge()).isEqualTo(new Knowledge(dataset, versionOf(summer), true));

        Path autumn = ingest("autumn", "2011-11-30", false);
        loader.refresh();
        Forecast fromAutumn = forecasts.forecast(december).get(0);

        assertThat(fromAutumn.modelVersion()).as("the same model").isEqualTo(model.id().toString());
        assertThat(fromAutumn.knowledge()).isEqualTo(new Knowledge(dataset, versionOf(autumn), false));
        // the autumn's launches sold more: the same model forecasts the December launch from them
        assertThat(fromAutumn.periods().get(0).mean()).isGreaterThan(fromSummer.periods().get(0).mean());

        // the same files mapped with the description as a category: features defined otherwise than the model's
        Path recategorised = ingest("recategorised", "2011-11-30", true);
        loader.refresh();
        Forecast afterSkew = forecasts.forecast(december).get(0);

        assertThat(data.latestVersion(dataset)).contains(versionOf(recategorised));
        assertThat(afterSkew.knowledge()).as("kept: the newest version it can read alike")
                .isEqualTo(fromAutumn.knowledge());
        assertThat(afterSkew.periods()).isEqualTo(fromAutumn.periods());
        // serving moves to each version published: the service keeps the last ones it used, not all ever loaded,
        // in its heap or on its disk
        Path summerCopy = work.resolve("cache").resolve(dataset).resolve("v=" + versionOf(summer));
        assertThat(summerCopy).as("its local copy, once pushed out").doesNotExist();
        try (TrainingData.Lease lease = data.lease(dataset, versionOf(summer), config)) {
            assertThat(lease.loaded()).as("read again").isNotSameAs(summerLoaded);
            data.load(dataset, versionOf(autumn), config);
            data.load(dataset, versionOf(recategorised), config);
            assertThat(summerCopy).as("pushed out while a step still reads it").isDirectory();
        }
        assertThat(summerCopy).as("deleted once the step is done").doesNotExist();
    }

    @Test
    void theTrainedPolicyKeepsForecastingFromTheTrainingData() throws Exception {
        Path config = Files.writeString(work.resolve("training.yml"), TRAINING);
        Path summer = ingest("summer", "2011-08-31", false);
        trainAndApprove(summer, config);
        ingest("autumn", "2011-11-30", false);
        ChampionModel champion = new ChampionModel(dataset);
        ChampionLoader loader = new ChampionLoader(registry(), champion, loaderOf(new ArtifactServingModelLoader(
                new TrainingData(store, work.resolve("cache")), new TrainingProperties(config, dataset, 10_000, 10_000),
                KnowledgePolicy.TRAINED)));

        loader.refresh();

        assertThat(champion.get().knowledge()).isEqualTo(new Knowledge(dataset, versionOf(summer), true));
    }

    @Test
    void aHeapThatCannotHoldASecondModelKeepsTheServingOneOnItsData() throws Exception {
        Path config = Files.writeString(work.resolve("training.yml"), TRAINING);
        Path summer = ingest("summer", "2011-08-31", false);
        trainAndApprove(summer, config);
        ChampionModel champion = new ChampionModel(dataset);
        HeapRoom[] heap = {new HeapRoom(100L << 20, 1000L << 20)};
        ChampionLoader loader = new ChampionLoader(registry(), champion, loaderOf(new ArtifactServingModelLoader(
                new TrainingData(store, work.resolve("cache")), new TrainingProperties(config, dataset, 10_000, 10_000),
                KnowledgePolicy.LATEST)), () -> heap[0]);
        loader.refresh();
        Path autumn = ingest("autumn", "2011-11-30", false);

        heap[0] = new HeapRoom(999L << 20, 1000L << 20); // no room to build a second model beside it
        loader.refresh();
        Knowledge kept = champion.get().knowledge();
        heap[0] = new HeapRoom(100L << 20, 1000L << 20);
        loader.refresh();

        assertThat(kept).isEqualTo(new Knowledge(dataset, versionOf(summer), true));
        assertThat(champion.get().knowledge()).isEqualTo(new Knowledge(dataset, versionOf(autumn), false));
    }

    private ObjectStoreModelRegistry registry() {
        return new ObjectStoreModelRegistry(store, JsonMapper.builder().build(), Clock.systemUTC());
    }

    private static org.springframework.beans.factory.ObjectProvider<ServingModelLoader> loaderOf(
            ServingModelLoader loader) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("loader", loader));
        return beans.getBeanProvider(ServingModelLoader.class);
    }

    /**
     * Ingests the bundled Online Retail exports up to {@code until} as a version of this test's dataset and
     * publishes it in the object store; returns its local directory.
     */
    private Path ingest(String name, String until, boolean descriptionAsCategory) throws Exception {
        Path bundled = Path.of("../samples/online-retail");
        Path project = Files.createDirectories(work.resolve(name));
        String mapping = Files.readString(bundled.resolve("mapping.yml"))
                .replaceFirst("(?m)^dataset: .*$", "dataset: " + dataset);
        if (descriptionAsCategory) {
            mapping = mapping.replaceFirst("(?m)^  description: text", "  description: string");
        }
        Files.writeString(project.resolve("mapping.yml"), mapping);
        Path days = Files.createDirectories(project.resolve("by-day"));
        try (Stream<Path> files = Files.list(bundled.resolve("by-day"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().compareTo(until) <= 0).toList()) {
                Files.copy(file, days.resolve(file.getFileName().toString()));
            }
        }
        Path version = IngestFolderCommand.ingest(project, work.resolve("out-" + name), System.out);
        String prefix = "curated/" + dataset + "/v=" + versionOf(version) + "/";
        try (Stream<Path> files = Files.walk(version)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                // the manifest last: a version is visible once its manifest is, as ingestion publishes it
                if (!file.getFileName().toString().equals("_manifest.json")) {
                    store.put(prefix + version.relativize(file).toString().replace('\\', '/'), file,
                            "application/octet-stream");
                }
            }
        }
        store.put(prefix + "_manifest.json", version.resolve("_manifest.json"), "application/json");
        return version;
    }

    private static String versionOf(Path version) {
        return version.getFileName().toString().substring("v=".length());
    }

    /** Trains on {@code version} as the SageMaker training container does, then registers and approves it. */
    private ModelVersion trainAndApprove(Path version, Path config) throws Exception {
        Path root = work.resolve("sagemaker");
        Files.createDirectories(root.resolve("input/data/config"));
        Files.copy(config, root.resolve("input/data/config/training.yml"));
        Path train = root.resolve("input/data/train");
        Files.createDirectories(train.getParent());
        Files.createSymbolicLink(train, version.toAbsolutePath());
        assertThat(SageMakerTrainingJob.run(root)).isZero();
        byte[] artifact = Files.readAllBytes(root.resolve("model/model.bin"));
        String definitions = new TrainingData(store, work.resolve("hash-cache")).load(dataset, versionOf(version), config)
                .evaluation().definitions().hash();
        ObjectStoreModelRegistry registry = registry();
        ModelVersion registered = registry.register(new ModelRegistration(dataset, artifact, Map.of("wape", 90.0),
                new Lineage(List.of(new DatasetLineage(dataset, versionOf(version), "k", "h")), "launch-features/1.1",
                        definitions, "t", "training-sets/t/manifest.json", Map.of(), 42, "c", "{}")));
        return registry.decide(dataset, registered.version(), ApprovalStatus.Approved, "test", "it");
    }
}
