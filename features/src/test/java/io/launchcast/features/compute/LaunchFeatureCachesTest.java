package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the computer keeps per as-of date (cohorts, signal windows, calendars) never changes an answer. */
class LaunchFeatureCachesTest {

    private static final int HORIZON = 6;

    @Test
    void featuresOfAProductDoNotDependOnWhichProductsCameBefore() {
        CuratedDataset dataset = SyntheticLaunches.weekly(200, HORIZON, 3);
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), HORIZON);
        LaunchHistory history = LaunchHistory.of(dataset, definitions, p -> true);
        SignalHistory signals = SignalHistory.of(dataset, "trend");
        LaunchFeatureComputer shared = new LaunchFeatureComputer(history, signals);
        List<Product> products = new ArrayList<>(dataset.products().subList(100, 160));
        // a product lacking an attribute and one with a value no launch had, sharing dates with the others
        products.add(new Product("lacking", products.get(0).launchDate(), null, null, null, Map.of("colour", "red")));
        Map<String, String> unseen = new HashMap<>(products.get(1).attributes());
        unseen.put("category", "cape");
        products.add(new Product("unseen", products.get(1).launchDate(), null, null, null, unseen));
        int compared = 0;
        for (LocalDate asOf : List.of(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 6, 7))) {
            for (Product p : products) {
                LaunchFeatures warm = shared.compute(p, asOf);
                LaunchFeatures cold = new LaunchFeatureComputer(history, signals).compute(p, asOf);
                assertThat(warm).isEqualTo(cold);
                assertThat(List.copyOf(warm.numeric().entrySet())).isEqualTo(List.copyOf(cold.numeric().entrySet()));
                assertThat(List.copyOf(warm.categorical().keySet())).isEqualTo(List.copyOf(cold.categorical().keySet()));
                compared += warm.numeric().size();
            }
        }
        // cohorts of pairs, analogs and signals are among what was compared
        assertThat(shared.compute(products.get(0), LocalDate.of(2021, 3, 1)).numeric())
                .containsKeys("cohort.category&colour.level", "analog.k11.level", "signal.colour.level");
        assertThat(compared).isGreaterThan(5000);
    }

    @Test
    void featuresAreACopyOfTheMapsTheyWereGiven() {
        Map<String, Double> numeric = new HashMap<>(Map.of("price", 10.0));
        Map<String, String> categorical = new HashMap<>(Map.of("attr.colour", "red"));
        LaunchFeatures features = new LaunchFeatures("p", LocalDate.of(2021, 1, 1), categorical, numeric, null, null,
                "h");
        numeric.put("price", 11.0);
        categorical.clear();
        assertThat(features.numeric()).containsExactly(Map.entry("price", 10.0));
        assertThat(features.categorical()).containsExactly(Map.entry("attr.colour", "red"));
    }
}
