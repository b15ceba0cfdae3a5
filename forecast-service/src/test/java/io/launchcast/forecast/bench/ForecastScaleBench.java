package io.launchcast.forecast.bench;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.batch.BatchForecastJob;
import io.launchcast.forecast.batch.BatchForecastRequest;
import io.launchcast.forecast.batch.BatchForecastRunner;
import io.launchcast.forecast.batch.BatchProperties;
import io.launchcast.forecast.evaluation.MetricsCalculator;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.TrainingLineage;
import io.launchcast.forecast.capture.CaptureSink;
import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.local.ObjectStoreModelRegistry;
import io.launchcast.forecast.serving.ChampionLoader;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.ForecastService;
import io.launchcast.forecast.serving.HeapRoom;
import io.launchcast.forecast.serving.Knowledge;
import io.launchcast.forecast.serving.ServingModelLoader;
import io.launchcast.forecast.serving.ServingProperties.KnowledgePolicy;
import io.launchcast.forecast.training.ArtifactServingModelLoader;
import io.launchcast.forecast.training.TrainingData;
import io.launchcast.forecast.training.TrainingProperties;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale figures of issue 14 for the forecast-service (a benchmark, not a test; {@code bench/scale.sh} runs it in
 * the service's heap): on a curated version and its feature store training set in a directory object store (what
 * {@code feature-service/bench-scale.sh} leaves), times the pipeline's prepare (load, split, read the split's
 * features, sampled above the maxima), training on the sample, forecasting the test launches, loading the serving
 * model (history of every launch) through the champion loader, the same model on a newly published version, a
 * newly approved model replacing the serving one, and a batch job of {@code lines} input lines (the version's products in turn,
 * as new products launching in the eight weeks after its last launch).
 *
 * <p>Arguments: work directory (holding {@code store/}), training configuration, max fit launches, max test
 * launches, batch lines (0 skips the batch), dataset, version.
 */
public final class ForecastScaleBench {

    private ForecastScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path config = Path.of(args[1]);
        int maxFit = Integer.parseInt(args[2]);
        int maxTest = Integer.parseInt(args[3]);
        int lines = Integer.parseInt(args[4]);
        String dataset = args.length > 5 ? args[5] : "bench";
        String version = args.length > 6 ? args[6] : "1";
        System.out.printf(Locale.ROOT, "forecast-service: max heap %d MiB, %d processors, load %.2f%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), load());
        DirectoryObjectStore store = new DirectoryObjectStore(work.resolve("store"));
        String trainingSet = store.list("training-sets/").stream().map(ObjectSummary::key)
                .filter(k -> k.endsWith(".parquet")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no training set under training-sets/ in " + work));
        TrainingData data = new TrainingData(store, work.resolve("forecast-cache"), maxFit, maxTest);
        TrainingData.Loaded[] loaded = new TrainingData.Loaded[1];
        AccuracyEvaluation.SplitData[] split = new AccuracyEvaluation.SplitData[1];
        phase("prepare", () -> {
            loaded[0] = data.load(dataset, version, config);
            FeatureDefinitions definitions = loaded[0].evaluation().splitDefinitions();
            split[0] = data.split(loaded[0], trainingSet, definitions.hash());
            return loaded[0].curated().products().size() + " products; training on "
                    + split[0].fitSample().describe("fit") + ", testing on " + split[0].testSample().describe("test");
        });
        byte[][] artifact = new byte[1][];
        phase("train", () -> {
            ForecastTrainer.Result result = new ForecastTrainer(loaded[0].evaluation().config().model())
                    .train(split[0].fit(), split[0].history(), loaded[0].evaluation().baselines());
            artifact[0] = ForecastModelArtifact.write(result, new TrainingLineage(dataset, version,
                    loaded[0].curated().manifest().sha256(), FeatureDefinitions.VERSION,
                    loaded[0].evaluation().definitions().hash(), loaded[0].evaluation().config().model().seed(),
                    Map.of("fitSample", split[0].fitSample().taken() + " of " + split[0].fitSample().of()), "bench"));
            return split[0].fit().size() + " fit launches, chosen " + result.learned().get("selection.chosen")
                    + ", artifact " + artifact[0].length + " bytes";
        });
        phase("evaluate", () -> {
            CalibratedModel model = ForecastModelArtifact.load(artifact[0], split[0].history());
            List<MetricsCalculator.Scored> scored = new ArrayList<>();
            for (LaunchExample e : split[0].test()) {
                scored.add(new MetricsCalculator.Scored(model.forecast(e, false), e.actual(), null));
            }
            return split[0].test().size() + " test launches, WAPE "
                    + String.format(Locale.ROOT, "%.2f", MetricsCalculator.compute(scored).wape());
        });
        data.release(loaded[0], trainingSet); // as the pipeline's last step does
        split[0] = null;
        ChampionModel champion = new ChampionModel("bench");
        // the service's own path: a registry, the champion loader, the artifact loader on this data
        ObjectStoreModelRegistry registry = new ObjectStoreModelRegistry(store, JsonMapper.builder().build(),
                Clock.systemUTC());
        Lineage lineage = new Lineage(List.of(new DatasetLineage(dataset, version, loaded[0].manifestKey(),
                loaded[0].curated().manifest().sha256())), FeatureDefinitions.VERSION,
                loaded[0].evaluation().definitions().hash(), "bench", trainingSet, Map.of(), 42, "bench", "{}");
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("loader", new ArtifactServingModelLoader(
                data, new TrainingProperties(config, dataset, maxFit, maxTest), KnowledgePolicy.LATEST)));
        ChampionLoader loader = new ChampionLoader(registry, champion, beans.getBeanProvider(ServingModelLoader.class));
        long[] buildNeed = new long[1];
        phase("serving load", () -> {
            approve(registry, artifact[0], lineage);
            long usedAtStart = HeapRoom.buildStarted();
            loader.refresh();
            buildNeed[0] = HeapRoom.builtSince(usedAtStart);
            return champion.get().version() + " on the history of every launch of " + dataset + " " + version
                    + "; building it took " + (buildNeed[0] >> 20) + " MiB";
        });
        // a publication while the model serves (ADR 0171): the next version is loaded and the same model assembled
        // on it beside the serving one, the previous version still loaded; here a second copy of the same version
        TrainingData publication = new TrainingData(store, work.resolve("forecast-cache"), maxFit, maxTest);
        phase("serving refresh", () -> {
            HeapRoom room = HeapRoom.now();
            if (!room.holdsASecondModel(buildNeed[0])) {
                return "not loaded, as the service would not: " + room + " cannot hold a second model";
            }
            TrainingData.Loaded next = publication.load(dataset, version, config);
            champion.swap(ArtifactServingModelLoader.assemble(champion.get().version(), next.curated(),
                    next.evaluation().definitions(), artifact[0], new Knowledge(dataset, version, false)));
            return "the model assembled again on a newly loaded copy of " + dataset + " " + version
                    + " while the first serves (" + room + ")";
        });
        // a retrained model approved while one serves (ADR 0173): built beside it when the heap holds both, else
        // loaded after the serving one is let go
        phase("serving approval", () -> {
            HeapRoom room = HeapRoom.now();
            String before = champion.get().version();
            ModelVersion approved = approve(registry, artifact[0], lineage);
            loader.refresh();
            return champion.get().version() + " approved in place of " + before + ": " + (room.holdsASecondModel(
                    buildNeed[0]) ? "built beside it" : "loaded after it was let go") + " (" + room + ", "
                    + (buildNeed[0] >> 20) + " MiB to build)" + (champion.get().version().equals(
                    approved.id().toString()) ? "" : " NOT SERVING THE APPROVED VERSION");
        });
        // the monitor's retraining trigger starts a run in this process while the champion serves: its prepare and
        // train phases again, beside the serving model
        phase("retrain while serving", () -> {
            FeatureDefinitions definitions = loaded[0].evaluation().splitDefinitions();
            AccuracyEvaluation.SplitData again = data.split(loaded[0], trainingSet, definitions.hash());
            ForecastTrainer.Result result = new ForecastTrainer(loaded[0].evaluation().config().model())
                    .train(again.fit(), again.history(), loaded[0].evaluation().baselines());
            data.release(loaded[0], trainingSet);
            return again.fit().size() + " fit launches, chosen " + result.learned().get("selection.chosen") + ", "
                    + champion.get().version() + " serving meanwhile (" + HeapRoom.now() + ")";
        });
        if (lines > 0) {
            batch(store, work, champion, lines, loaded[0]);
        }
    }

    /** Registers the artifact as the next version of the bench's group and approves it. */
    private static ModelVersion approve(ObjectStoreModelRegistry registry, byte[] artifact, Lineage lineage) {
        ModelVersion registered = registry.register(new ModelRegistration("bench", artifact, Map.of("wape", 50.0),
                lineage));
        return registry.decide("bench", registered.version(), ApprovalStatus.Approved, "scale bench", "bench");
    }

    /** A batch job of {@code lines} lines, the version's products (attributes and launch dates) in turn. */
    private static void batch(DirectoryObjectStore store, Path work, ChampionModel champion, int lines,
            TrainingData.Loaded loaded) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Path input = work.resolve("batch-input.jsonl");
        var products = loaded.curated().products();
        // new products launching in the coming eight weeks, as the scheduled batch forecasts them
        LocalDate next = products.stream().map(p -> p.launchDate()).max(LocalDate::compareTo).orElseThrow()
                .plusWeeks(1);
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                var p = products.get(i % products.size());
                out.write(json.writeValueAsString(Map.of("productId", p.id() + "-" + i, "attributes", p.attributes(),
                        "launchDate", next.plusWeeks(i % 8).toString())));
                out.write('\n');
            }
        }
        store.put("bench/batch/input.jsonl", input, "application/jsonlines");
        Files.delete(input);
        ExecutorService jobs = Executors.newSingleThreadExecutor();
        BatchForecastRunner runner = new BatchForecastRunner(store, json, champion,
                new ForecastService(champion, Clock.systemUTC()), CaptureSink.discarding(),
                new BatchProperties(2000, 2, "-", 8), jobs, Clock.systemUTC(), new SimpleMeterRegistry());
        phase("batch", () -> {
            BatchForecastJob job = runner.submit(new BatchForecastRequest(store.uri("bench/batch/input.jsonl")
                    .toString(), store.uri("bench/batch/output-" + System.nanoTime() + "/").toString(), false, 0));
            BatchForecastJob done = job;
            while (!List.of("SUCCEEDED", "FAILED").contains(done.state())) {
                Thread.sleep(1000);
                done = runner.find(job.id()).orElseThrow();
            }
            return done.state() + ": " + done.rowsDone() + " lines, " + done.failedLines() + " error lines, "
                    + Math.round(done.rowsPerSecond()) + " lines/s" + (done.error() == null ? "" : " (" + done.error()
                    + ")");
        });
        jobs.shutdown();
    }

    /** A phase's work; may throw anything (a bench reports, it does not recover). */
    private interface Work {
        String run() throws Exception;
    }

    /**
     * Runs a phase and prints its wall and process CPU time and the heap it needed: the old generation's peak
     * (what was held, plus what had been promoted before a collection) and the most left after a collection.
     */
    private static void phase(String name, Work work) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        double loadBefore = load();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        String outcome = work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        long oldPeak = 0;
        long afterGc = 0;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
                afterGc = Math.max(afterGc, pool.getCollectionUsage() == null ? 0 : pool.getCollectionUsage().getUsed());
            }
        }
        System.out.printf(Locale.ROOT, "%-13s %8.1f s wall, %8.1f s CPU  old gen peak %5d MiB, after last GC %5d MiB"
                + "  load %.2f -> %.2f  (%s)%n", name, seconds, cpu, oldPeak >> 20, afterGc >> 20, loadBefore, load(),
                outcome);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
