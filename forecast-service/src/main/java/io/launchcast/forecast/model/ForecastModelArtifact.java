package io.launchcast.forecast.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serialized form of a trained ensemble: a magic line, a JSON header (lineage, what was learned on
 * validation, interval ratios, Tribuo provenance) with keys in sorted order, and the boosted model's Tribuo
 * protobuf bytes. Nothing in it depends on the clock or on hash-map order, so the same inputs and seed give
 * byte-identical artifacts.
 */
public final class ForecastModelArtifact {

    private static final byte[] MAGIC = "LAUNCHCAST-FORECAST-MODEL/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ForecastModelArtifact() {
    }

    /** A read artifact: its header and the boosted model's Tribuo bytes. */
    public record Contents(Map<String, Object> header, byte[] boostedModel) {
    }

    /** Serializes the ensemble of {@code result} with its {@code lineage}. */
    public static byte[] write(ForecastTrainer.Result result, TrainingLineage lineage) {
        CalibratedModel ensemble = result.model("ensemble");
        BlendedModel blend = (BlendedModel) ensemble.model();
        BoostedCurveModel boosted = blend.components().stream().filter(BoostedCurveModel.class::isInstance)
                .map(BoostedCurveModel.class::cast).findFirst().orElseThrow();
        Map<String, Object> header = new TreeMap<>();
        header.put("lineage", lineage);
        header.put("learned", new TreeMap<>(result.learned()));
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("levels", ensemble.calibration().levels());
        calibration.put("ratios", Arrays.stream(ensemble.calibration().ratios()).map(double[]::clone).toList());
        calibration.put("reported", ensemble.calibration().reported());
        QuantileCalibration.SizeClasses classes = ensemble.calibration().sizeClasses();
        if (classes != null) {
            calibration.put("sizeClasses", Map.of("upperBounds", classes.upperBounds(), "ratios", classes.ratios()));
        }
        header.put("calibration", calibration);
        header.put("tribuoProvenance", boosted.tribuoProvenance());
        header.put("boostedLevelOffset", boosted.hasOffset());
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            byte[] json = JSON.writeValueAsBytes(header);
            out.writeInt(json.length);
            out.write(json);
            byte[] model = boosted.modelBytes();
            out.writeInt(model.length);
            out.write(model);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * Rebuilds the calibrated ensemble from an artifact. The analog and level-curve components forecast from
     * {@code history}, which must be built from the dataset version the lineage names (or a later one, to
     * forecast with newer history) with the same feature definitions.
     */
    @SuppressWarnings("unchecked")
    public static CalibratedModel load(byte[] artifact, io.launchcast.features.compute.LaunchHistory history) {
        Contents contents = read(artifact);
        Map<String, Object> header = contents.header();
        Map<String, Object> learned = (Map<String, Object>) header.get("learned");
        Map<String, Object> calibration = (Map<String, Object>) header.get("calibration");
        List<Double> levels = ((List<Number>) calibration.get("levels")).stream().map(Number::doubleValue).toList();
        List<List<Number>> ratioRows = (List<List<Number>>) calibration.get("ratios");
        double[][] ratios = ratioRows.stream().map(r -> r.stream().mapToDouble(Number::doubleValue).toArray())
                .toArray(double[][]::new);
        // artifacts written before tail levels were calibrated report every level they hold
        List<Double> reported = calibration.get("reported") instanceof List<?> r
                ? r.stream().map(v -> ((Number) v).doubleValue()).toList() : null;
        QuantileCalibration.SizeClasses sizeClasses = null;
        if (calibration.get("sizeClasses") instanceof Map<?, ?> classes) {
            double[] bounds = ((List<Number>) classes.get("upperBounds")).stream().mapToDouble(Number::doubleValue)
                    .toArray();
            double[][][] classRatios = ((List<List<List<Number>>>) classes.get("ratios")).stream()
                    .map(c -> c.stream().map(r -> r.stream().mapToDouble(Number::doubleValue).toArray())
                            .toArray(double[][]::new)).toArray(double[][][]::new);
            sizeClasses = new QuantileCalibration.SizeClasses(bounds, classRatios);
        }
        int horizon = ratios[0].length;
        Map<String, Number> analogWeights = (Map<String, Number>) learned.get("analog.weights");
        // the attribute order matters (it breaks similarity ties), so it is stored as a list
        List<String> attributes = (List<String>) learned.get("analog.attributes");
        double[] weights = attributes.stream().mapToDouble(a -> analogWeights.get(a).doubleValue()).toArray();
        AnalogModel analog = new AnalogModel(history, attributes, weights,
                ((Number) learned.get("analog.k")).intValue(), horizon);
        LevelCurveModel levelCurve = new LevelCurveModel(history, horizon);
        BoostedCurveModel boosted = BoostedCurveModel.fromBytes(contents.boostedModel(), analog,
                Boolean.TRUE.equals(header.get("boostedLevelOffset")) ? levelCurve : null, horizon);
        double[] blend = ((List<Number>) learned.get("ensemble.weights")).stream().mapToDouble(Number::doubleValue)
                .toArray();
        List<CurveModel> components = new java.util.ArrayList<>(List.of(boosted, analog, levelCurve));
        if (learned.get("ensemble.meanCurve") instanceof List<?> curve) {
            components.add(MeanCurveModel.global(curve.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()));
        }
        BlendedModel ensemble = new BlendedModel("ensemble", components, blend,
                ((Number) learned.get("ensemble.level")).doubleValue());
        return new CalibratedModel(ensemble, new QuantileCalibration(levels, ratios, reported, sizeClasses),
                java.time.Duration.ZERO);
    }

    /** Reads what {@link #write} wrote; refuses anything else. */
    @SuppressWarnings("unchecked")
    public static Contents read(byte[] artifact) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(artifact))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a Launchcast forecast model artifact");
            }
            byte[] json = in.readNBytes(in.readInt());
            byte[] model = in.readNBytes(in.readInt());
            return new Contents(JSON.readValue(json, Map.class), model);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated forecast model artifact", e);
        }
    }
}
