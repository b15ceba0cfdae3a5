package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.serving.Knowledge;
import io.launchcast.forecast.serving.RegionShares;
import io.launchcast.forecast.serving.ServingModel;
import io.launchcast.forecast.serving.ServingModelLoader;
import io.launchcast.forecast.serving.ServingProperties;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilds a registered model for serving: a dataset version of the model's dataset (the one its lineage names,
 * or the newest usable one, by {@link ServingProperties#knowledge()}), the same feature definitions (refused if
 * their hash differs from the one it was trained with: that would be training/serving skew), every launch of that
 * version as history for analogs, cohorts and levels, and the artifact's model.
 */
public class ArtifactServingModelLoader implements ServingModelLoader {

    private final TrainingData data;
    private final TrainingProperties properties;
    private final ServingProperties.KnowledgePolicy policy;

    public ArtifactServingModelLoader(TrainingData data, TrainingProperties properties,
            ServingProperties.KnowledgePolicy policy) {
        this.data = data;
        this.properties = properties;
        this.policy = policy;
    }

    @Override
    public Knowledge knowledge(ModelVersion version) {
        Knowledge trained = Knowledge.trainedOn(version);
        if (policy == ServingProperties.KnowledgePolicy.TRAINED) {
            return trained;
        }
        // with no usable version left, the trained one: loading it then says why it cannot serve
        String latest = data.latestVersion(trained.dataset()).orElse(trained.version());
        return new Knowledge(trained.dataset(), latest, latest.equals(trained.version()));
    }

    @Override
    public ServingModel load(ModelVersion version, Knowledge knowledge, byte[] artifact) {
        try (TrainingData.Lease lease = data.lease(knowledge.dataset(), knowledge.version(), properties.config())) {
            TrainingData.Loaded loaded = lease.loaded();
            FeatureDefinitions definitions = loaded.evaluation().definitions();
            if (!definitions.hash().equals(version.lineage().featureDefinitionsHash())) {
                throw new SkewedFeaturesException("model " + version.group() + " v" + version.version()
                        + " was trained with feature definitions " + version.lineage().featureDefinitionsHash()
                        + " but " + knowledge.dataset() + " " + knowledge.version() + " gives " + definitions.hash()
                        + ": refusing to serve with skewed features");
            }
            // the sales are read here, once: the model serving keeps nothing on disk
            return assemble(version.id().toString(), loaded.curated(), definitions, artifact, knowledge);
        }
    }

    /**
     * A serving model from a curated version, the definitions its model was trained with and the artifact bytes;
     * the version's sales are read once as a stream into the history's curves and the regions' shares.
     */
    public static ServingModel assemble(String version, CuratedVersion curated, FeatureDefinitions definitions,
            byte[] artifact, Knowledge knowledge) {
        // one read of the sales feeds the history's curves and counts each region's share of them
        RegionShares regions = new RegionShares(curated.products(), definitions);
        LaunchHistory history = LaunchHistory.of(curated.products(), row -> curated.sales().forEach(sale -> {
            regions.accept(sale);
            row.accept(sale);
        }), definitions, product -> true);
        CalibratedModel model = ForecastModelArtifact.load(artifact, history);
        LaunchFeatureComputer features = new LaunchFeatureComputer(history,
                SignalHistory.of(curated.signals(), definitions.signalFamily()));
        Map<String, Set<String>> known = new TreeMap<>();
        for (Product product : curated.products()) {
            product.attributes().forEach((name, value) -> known.computeIfAbsent(name, k -> new TreeSet<>()).add(value));
        }
        boolean prices = curated.products().stream().anyMatch(p -> p.price() != null);
        return new TrainedServingModel(version, model, features, definitions, known, regions.shares(),
                regions.typicalFootprint(), curated.manifest().footprintAttribute(), history.firstKnowledge(), prices,
                knowledge);
    }
}
