package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serialized form of a trained ensemble: a magic line, a JSON header with keys in sorted order (lineage, the
 * {@link EnsembleSpec} under {@code ensemble}, interval ratios, what was learned on validation for the report,
 * third-party provenance, and the names of the binary sections), then each binary section (a component's own
 * model format, such as the boosted model's Tribuo protobuf bytes) in the order the header names them. Nothing
 * in it depends on the clock or on hash-map order, so the same inputs and seed give byte-identical artifacts.
 *
 * <p>Artifacts of the first layout ({@code /1}: the ensemble's structure in the {@code learned} map, one boosted
 * section) still load: their spec is rebuilt from that map.
 */
public final class ForecastModelArtifact {

    private static final String ENSEMBLE = "ensemble";
    private static final byte[] MAGIC = "LAUNCHCAST-FORECAST-MODEL/2\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "LAUNCHCAST-FORECAST-MODEL/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private ForecastModelArtifact() {
    }

    /**
     * A read artifact.
     *
     * @param header the JSON header as plain maps and lists
     * @param ensemble the ensemble's specification
     * @param sections the binary sections by name
     */
    public record Contents(Map<String, Object> header, EnsembleSpec ensemble, Map<String, byte[]> sections) {

        /** Provenance of the components' third-party model formats, as text ({@code null} when none has any). */
        public String tribuoProvenance() {
            Object provenance = header.get("tribuoProvenance");
            return provenance == null ? null : provenance.toString();
        }

        /** What was learned on validation, as the report shows it. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> learned() {
            return header.get("learned") instanceof Map<?, ?> learned ? (Map<String, Object>) learned : Map.of();
        }
    }

    /** Serializes the ensemble of {@code result} with its {@code lineage}. */
    public static byte[] write(ForecastTrainer.Result result, TrainingLineage lineage) {
        CalibratedModel ensemble = result.model(ENSEMBLE);
        BlendedModel blend = (BlendedModel) ensemble.model();
        EnsembleSpec spec = EnsembleSpec.of(blend, ensemble.calibration().ratios()[0].length);
        Map<String, byte[]> sections = new TreeMap<>();
        List<String> provenance = new ArrayList<>();
        for (CurveModel component : blend.components()) {
            EnsembleComponent stored = (EnsembleComponent) component; // EnsembleSpec.of refused any other
            stored.sections().forEach((name, bytes) -> {
                if (sections.put(name, bytes) != null) {
                    throw new IllegalArgumentException("two components of the ensemble write section " + name);
                }
            });
            if (stored.provenance() != null) {
                provenance.add(stored.provenance());
            }
        }
        Map<String, Object> header = new TreeMap<>();
        header.put("lineage", lineage);
        header.put(ENSEMBLE, spec);
        header.put("learned", new TreeMap<>(result.learned()));
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("levels", ensemble.calibration().levels());
        calibration.put("ratios", Arrays.stream(ensemble.calibration().ratios()).map(double[]::clone).toList());
        calibration.put("reported", ensemble.calibration().reported());
        calibration.put("offset", ensemble.calibration().offset());
        QuantileCalibration.SizeClasses classes = ensemble.calibration().sizeClasses();
        if (classes != null) {
            Map<String, Object> sizeClasses = new LinkedHashMap<>();
            sizeClasses.put("upperBounds", classes.upperBounds());
            sizeClasses.put("ratios", classes.ratios());
            if (classes.offsets() != null) {
                sizeClasses.put("offsets", classes.offsets());
            }
            calibration.put("sizeClasses", sizeClasses);
        }
        if (ensemble.calibration().unconditional() != null) {
            calibration.put("ownWeight", ensemble.calibration().ownWeight());
            calibration.put("unconditional", ensemble.calibration().unconditional());
        }
        header.put("calibration", calibration);
        if (!provenance.isEmpty()) {
            header.put("tribuoProvenance", String.join("\n", provenance));
        }
        header.put("sections", List.copyOf(sections.keySet()));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            byte[] json = JSON.writeValueAsBytes(header);
            out.writeInt(json.length);
            out.write(json);
            for (byte[] section : sections.values()) {
                out.writeInt(section.length);
                out.write(section);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * Rebuilds the calibrated ensemble from an artifact. Components that forecast from history (analogs, level
     * curve) use {@code history}, which must be built from the dataset version the lineage names (or a later one,
     * to forecast with newer history) with the same feature definitions.
     */
    public static CalibratedModel load(byte[] artifact, LaunchHistory history) {
        Contents contents = read(artifact);
        BlendedModel ensemble = contents.ensemble().rebuild(ENSEMBLE, history, contents.sections());
        return new CalibratedModel(ensemble, calibration(contents.header()), Duration.ZERO);
    }

    @SuppressWarnings("unchecked")
    private static QuantileCalibration calibration(Map<String, Object> header) {
        Map<String, Object> calibration = (Map<String, Object>) header.get("calibration");
        List<Double> levels = ((List<Number>) calibration.get("levels")).stream().map(Number::doubleValue).toList();
        double[][] ratios = ((List<List<Number>>) calibration.get("ratios")).stream()
                .map(r -> r.stream().mapToDouble(Number::doubleValue).toArray()).toArray(double[][]::new);
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
            // artifacts written before offsets were take plain ratios (offset 0)
            double[] offsets = classes.get("offsets") instanceof List<?> o
                    ? o.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray() : null;
            sizeClasses = new QuantileCalibration.SizeClasses(bounds, classRatios, offsets);
        }
        double offset = calibration.get("offset") instanceof Number n ? n.doubleValue() : 0;
        // artifacts written before quantiles were mixed with unconditional ones keep their own only
        if (calibration.get("unconditional") instanceof List<?> rows) {
            double[][] unconditional = ((List<List<Number>>) rows).stream()
                    .map(r -> r.stream().mapToDouble(Number::doubleValue).toArray()).toArray(double[][]::new);
            return new QuantileCalibration(levels, ratios, reported, sizeClasses, offset,
                    ((Number) calibration.get("ownWeight")).doubleValue(), unconditional);
        }
        return new QuantileCalibration(levels, ratios, reported, sizeClasses, offset);
    }

    /** Reads what {@link #write} wrote (or the first layout did); refuses anything else. */
    @SuppressWarnings("unchecked")
    public static Contents read(byte[] artifact) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(artifact))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            boolean firstLayout = Arrays.equals(magic, MAGIC_V1);
            if (!firstLayout && !Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a Launchcast forecast model artifact");
            }
            JsonNode json = JSON.readTree(in.readNBytes(in.readInt()));
            Map<String, Object> header = JSON.treeToValue(json, Map.class);
            if (firstLayout) {
                byte[] boosted = in.readNBytes(in.readInt());
                return new Contents(header, FirstLayout.spec(header), Map.of(FirstLayout.BOOSTED_SECTION, boosted));
            }
            Map<String, byte[]> sections = new LinkedHashMap<>();
            for (JsonNode name : json.path("sections")) {
                sections.put(name.asString(), in.readNBytes(in.readInt()));
            }
            EnsembleSpec spec = JSON.treeToValue(Objects.requireNonNull(json.get(ENSEMBLE),
                    "the model artifact has no ensemble specification"), EnsembleSpec.class);
            return new Contents(header, spec, sections);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated forecast model artifact", e);
        }
    }

    /**
     * The first layout, where the ensemble was always the boosted, analog and level-curve models (and, from a
     * later version on, the mean curve) and their structure lived in the {@code learned} map.
     */
    private static final class FirstLayout {

        static final String BOOSTED_SECTION = "boosted";

        @SuppressWarnings("unchecked")
        static EnsembleSpec spec(Map<String, Object> header) {
            Map<String, Object> learned = (Map<String, Object>) header.get("learned");
            int horizon = calibration(header).ratios()[0].length;
            // the attribute order matters (it breaks similarity ties), so it is stored as a list
            List<String> attributes = (List<String>) learned.get("analog.attributes");
            Map<String, Number> analogWeights = (Map<String, Number>) learned.get("analog.weights");
            // the statistic is learned from ADR 0128 on; an artifact of this layout without it averages
            AnalogSpec analog = new AnalogSpec(attributes,
                    attributes.stream().mapToDouble(a -> analogWeights.get(a).doubleValue()).toArray(),
                    ((Number) learned.get("analog.k")).intValue(), 0.0,
                    AnalogSpec.MEDIAN.equals(learned.get("analog.statistic")) ? AnalogSpec.MEDIAN : null);
            List<EnsembleSpec.Component> models = new ArrayList<>();
            BoostedSpec boosted = new BoostedSpec(BOOSTED_SECTION, "analog",
                    Boolean.TRUE.equals(header.get("boostedLevelOffset")) ? "level-curve" : null);
            List<Number> weights = (List<Number>) learned.get("ensemble.weights");
            models.add(new EnsembleSpec.Component("boosted", weights.get(0).doubleValue(), boosted));
            models.add(new EnsembleSpec.Component("analog", weights.get(1).doubleValue(), analog));
            models.add(new EnsembleSpec.Component("level-curve", weights.get(2).doubleValue(), new LevelCurveSpec()));
            // written before the mean curve joined the blend: three components
            if (learned.get("ensemble.meanCurve") instanceof List<?> curve) {
                models.add(new EnsembleSpec.Component("mean-curve", weights.get(3).doubleValue(),
                        new MeanCurveSpec(null, null, curve.stream().mapToDouble(v -> ((Number) v).doubleValue())
                                .toArray(), Map.of())));
            }
            return new EnsembleSpec(horizon, models, ((Number) learned.get("ensemble.level")).doubleValue());
        }
    }
}
