package io.launchcast.forecast.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor checks captured requests against what the version reads, not against every column of the data. */
class InputBaselineTest {

    private static final LocalDate LAUNCH = LocalDate.of(2011, 3, 7);

    @Test
    void holdsTheAttributesTheModelReadsFreeTextWithoutValuesAndThePrice() {
        List<Product> fit = List.of(
                new Product("a", LAUNCH, null, 2.5, "train", Map.of("colour", "red", "name", "RED HEART MUG",
                        "image_path", "a.png", "pack", "12")),
                new Product("b", LAUNCH, null, null, "train", Map.of("colour", "blue", "name", "BLUE BOWL",
                        "image_path", "b.png")),
                new Product("c", LAUNCH, null, 4.0, "train", Map.of("colour", "red", "image_path", "c.png",
                        "pack", "6")));

        InputBaseline.Files files = InputBaseline.of(fit, List.of("colour"), List.of("name"), List.of("pack"));

        List<Map<String, Object>> features = list(files.statistics().get("features"));
        assertThat(features).extracting(f -> f.get("name")).containsExactly("colour", "name", "pack", "price")
                .as("an attribute the model does not read is not in the baseline").doesNotContain("image_path");
        Map<String, Object> colour = map(features.get(0).get("string_statistics"));
        assertThat(map(colour.get("distribution")).get("categorical")).isEqualTo(Map.of("red", 2L, "blue", 1L));
        Map<String, Object> name = map(features.get(1).get("string_statistics"));
        assertThat(name).doesNotContainKey("distribution").containsEntry("distinct_count", 2L);
        assertThat(features.get(3).get("inferred_type")).isEqualTo("Fractional");
        assertThat(map(map(features.get(3).get("numerical_statistics")).get("common")))
                .isEqualTo(Map.of("num_present", 2, "num_missing", 1L));

        List<Map<String, Object>> constraints = list(files.constraints().get("features"));
        assertThat(constraints.get(0)).containsEntry("completeness", 1.0).doesNotContainKey("string_constraints");
        assertThat(constraints.get(1)).containsEntry("completeness", 2.0 / 3)
                .as("every new product brings new words").containsEntry("string_constraints",
                        Map.of("unseen_share_max", 1.0));
        assertThat(constraints.get(2)).containsEntry("completeness", 2.0 / 3).containsEntry("inferred_type", "Fractional");
        assertThat(constraints.get(3)).containsEntry("name", "price").containsEntry("completeness", 2.0 / 3);
    }

    @Test
    void noPriceFeatureWhenNoFitLaunchHasAPrice() {
        List<Product> fit = List.of(new Product("a", LAUNCH, null, null, "train", Map.of("colour", "red")));

        assertThat(list(InputBaseline.of(fit, List.of("colour"), List.of(), List.of()).statistics().get("features")))
                .extracting(f -> f.get("name")).containsExactly("colour");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
