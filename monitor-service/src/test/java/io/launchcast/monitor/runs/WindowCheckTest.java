package io.launchcast.monitor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.MonitoringBaseline;
import io.launchcast.monitor.capture.CapturedRecord;
import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class WindowCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WindowCheck check = new WindowCheck(new MonitorProperties(List.of(),
            new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
            new MonitorProperties.Capture("products", "attributes", "productId", List.of("productId", "launchDate")),
            "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100)));

    @Test
    void inDistributionWindowHasNoViolations() {
        WindowCheck.Outcome outcome = check.check(baseline(800), records(500, Shift.NONE, 2));

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.drift()).extracting(FeatureDrift::feature)
                .containsExactlyInAnyOrder("price", "category", "fabric", "color");
        assertThat(outcome.drift()).extracting(FeatureDrift::method)
                .containsOnly(DriftMethod.KS, DriftMethod.CHI_SQUARED);
    }

    @Test
    void pricesUpFortyPercentDriftOnPriceOnly() {
        WindowCheck.Outcome outcome = check.check(baseline(800), records(500, Shift.PRICE_UP_40_PERCENT, 3));

        assertThat(outcome.violations()).extracting(Violation::featureName, Violation::constraintCheckType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("price", "baseline_drift_check"));
    }

    @Test
    void unseenFabricFailsTheCategoricalValuesCheck() {
        WindowCheck.Outcome outcome = check.check(baseline(800), records(500, Shift.UNSEEN_FABRIC, 4));

        assertThat(outcome.violations()).extracting(Violation::featureName).containsOnly("fabric");
        assertThat(outcome.violations()).extracting(Violation::constraintCheckType)
                .contains("categorical_values_check", "baseline_drift_check");
    }

    @Test
    void largeReferenceSwitchesToDistances() {
        WindowCheck.Outcome outcome = check.check(baseline(3000), records(500, Shift.CATEGORY_MIX, 5));

        assertThat(outcome.drift()).extracting(FeatureDrift::method)
                .containsOnly(DriftMethod.WASSERSTEIN, DriftMethod.JENSEN_SHANNON);
        assertThat(outcome.violations()).extracting(Violation::featureName).containsExactly("category");
    }

    @Test
    void perFeatureOverrideInConstraintsChangesMethodAndThreshold() {
        Map<String, byte[]> files = LaunchStreams.baseline(new Random(1), 800);
        ObjectNode constraints = (ObjectNode) JSON.readTree(files.get("constraints.json"));
        for (JsonNode feature : constraints.path("features")) {
            if (feature.path("name").asString().equals("price")) {
                ((ObjectNode) feature).putObject("monitoring_config_overrides").put("comparison_method", "psi")
                        .put("comparison_threshold", 5.0);
            }
        }
        MonitoringBaseline edited = BaselineReader.parse("g", 1, files.get("statistics.json"),
                JSON.writeValueAsBytes(constraints), JSON);

        WindowCheck.Outcome outcome = check.check(edited, records(500, Shift.PRICE_UP_40_PERCENT, 3));

        FeatureDrift price = outcome.drift().stream().filter(d -> d.feature().equals("price")).findFirst().orElseThrow();
        assertThat(price.method()).isEqualTo(DriftMethod.PSI);
        assertThat(price.threshold()).isEqualTo(5.0);
        assertThat(outcome.violations()).isEmpty();
    }

    @Test
    void missingAndExtraColumnsAreNamed() {
        List<CapturedRecord> records = new ArrayList<>();
        for (CapturedRecord r : records(50, Shift.NONE, 6)) {
            Map<String, Object> features = new LinkedHashMap<>(r.features());
            features.remove("color");
            features.put("neckline", "round");
            records.add(new CapturedRecord(r.inferenceId(), r.at(), r.productId(), r.modelVersion(), features));
        }

        WindowCheck.Outcome outcome = check.check(baseline(800), records);

        assertThat(outcome.violations()).extracting(Violation::featureName, Violation::constraintCheckType).contains(
                org.assertj.core.groups.Tuple.tuple("color", "missing_column_check"),
                org.assertj.core.groups.Tuple.tuple("neckline", "extra_column_check"));
    }

    @Test
    void aWindowOfOneRequestIsCheckedButGivesNoDriftVerdictOnNumbers() {
        WindowCheck.Outcome outcome = check.check(baseline(800), records(1, Shift.NONE, 9));

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.drift()).extracting(FeatureDrift::feature).doesNotContain("price");
        assertThat(outcome.undecided()).containsExactly("price: no drift verdict, 1 value and 800 reference values: a "
                + "comparison of distributions needs 2 on each side");
    }

    @Test
    void aFewRequestsAgainstALargeBaselineGetNoDistanceVerdictButAReasonWhy() {
        // a large baseline is compared by distances, which a window of a few records crosses by noise alone:
        // one request's category is a point mass, Jensen-Shannon 0.5 to 1 from the baseline's mix
        for (int n : new int[] {1, 5}) {
            WindowCheck.Outcome outcome = check.check(baseline(3000), records(n, Shift.NONE, 10 + n));

            assertThat(outcome.violations()).isEmpty();
            assertThat(outcome.drift()).isEmpty();
            assertThat(outcome.undecided()).hasSize(4).anySatisfy(why -> assertThat(why).startsWith("category: no "
                    + "drift verdict, " + n + " value" + (n == 1 ? " is" : "s are") + " too few for jensen_shannon"))
                    .anySatisfy(why -> assertThat(why).startsWith("price: no drift verdict, " + n + " value"));
        }
        assertThat(check.check(baseline(3000), records(500, Shift.NONE, 12)).undecided()).isEmpty();
    }

    @Test
    void aNumericAttributeTravelsAsTextInTheRequestAndIsReadAsANumber() {
        // a request's attributes are a map of strings: a pack size of 12 is captured as "12"
        List<CapturedRecord> records = new ArrayList<>();
        for (CapturedRecord r : records(500, Shift.NONE, 2)) {
            Map<String, Object> features = new LinkedHashMap<>(r.features());
            features.put("price", String.valueOf(features.get("price")));
            records.add(new CapturedRecord(r.inferenceId(), r.at(), r.productId(), r.modelVersion(), features));
        }
        records.add(new CapturedRecord("odd", Instant.EPOCH, "odd", "1", Map.of("price", "twelve", "category", "dress",
                "fabric", "cotton", "color", "blue")));

        WindowCheck.Outcome outcome = check.check(baseline(800), records);

        assertThat(outcome.violations()).extracting(Violation::featureName, Violation::constraintCheckType,
                Violation::description).containsExactly(org.assertj.core.groups.Tuple.tuple("price",
                        "data_type_check", "1 of 501 values are not numbers"));
        assertThat(outcome.drift()).filteredOn(d -> d.feature().equals("price")).singleElement()
                .satisfies(d -> assertThat(d.drifted()).isFalse());
    }

    @Test
    void freeTextAsThePipelineWritesItIsCheckedForPresenceOnly() {
        Map<String, byte[]> files = LaunchStreams.baseline(new Random(1), 800);
        ObjectNode statistics = (ObjectNode) JSON.readTree(files.get("statistics.json"));
        ObjectNode constraints = (ObjectNode) JSON.readTree(files.get("constraints.json"));
        // a description: present on every fit launch, 790 distinct values, no distribution of them to compare with
        ((tools.jackson.databind.node.ArrayNode) statistics.get("features")).add(JSON.readTree(
                "{\"name\": \"description\", \"inferred_type\": \"String\", \"string_statistics\":"
                        + " {\"common\": {\"num_present\": 800, \"num_missing\": 0}, \"distinct_count\": 790}}"));
        ((tools.jackson.databind.node.ArrayNode) constraints.get("features")).add(JSON.readTree(
                "{\"name\": \"description\", \"inferred_type\": \"String\", \"completeness\": 1.0,"
                        + " \"string_constraints\": {\"unseen_share_max\": 1.0}}"));
        MonitoringBaseline baseline = BaselineReader.parse("g", 1, JSON.writeValueAsBytes(statistics),
                JSON.writeValueAsBytes(constraints), JSON);
        List<CapturedRecord> described = new ArrayList<>();
        List<CapturedRecord> undescribed = new ArrayList<>();
        for (CapturedRecord r : records(200, Shift.NONE, 7)) {
            Map<String, Object> features = new LinkedHashMap<>(r.features());
            undescribed.add(new CapturedRecord(r.inferenceId(), r.at(), r.productId(), r.modelVersion(), features));
            features = new LinkedHashMap<>(features);
            features.put("description", "NEW WORDS " + r.productId()); // every new product's own
            described.add(new CapturedRecord(r.inferenceId(), r.at(), r.productId(), r.modelVersion(), features));
        }

        WindowCheck.Outcome outcome = check.check(baseline, described);

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.drift()).extracting(FeatureDrift::feature).doesNotContain("description");
        assertThat(check.check(baseline, undescribed).violations()).extracting(Violation::featureName,
                Violation::constraintCheckType).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("description", "missing_column_check"));
    }

    static MonitoringBaseline baseline(int rows) {
        Map<String, byte[]> files = LaunchStreams.baseline(new Random(1), rows);
        return BaselineReader.parse("g", 1, files.get("statistics.json"), files.get("constraints.json"), JSON);
    }

    @SuppressWarnings("unchecked")
    static List<CapturedRecord> records(int n, Shift shift, long seed) {
        Random random = new Random(seed);
        List<CapturedRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = LaunchStreams.product(random, "P" + i, shift);
            Map<String, Object> features = new LinkedHashMap<>();
            features.put("price", p.get("price"));
            features.putAll((Map<String, Object>) p.get("attributes"));
            records.add(new CapturedRecord("i" + i, Instant.EPOCH, "P" + i, "1", features));
        }
        return records;
    }
}
