package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A free-text attribute's words are features: launches sharing them, and the nearest launches by word sets. */
class TextFeaturesTest {

    private static final int HORIZON = 4;
    private static final LocalDate START = LocalDate.of(2021, 1, 4);

    @Test
    void wordsSharedWithEarlierLaunchesCarryTheirLevelAndLaterLaunchesDoNotCount() {
        List<Product> products = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        // lanterns sell 100 a week, mugs 5: the word "lantern" must say "high", whatever else the text says
        for (int i = 0; i < 40; i++) {
            boolean lantern = i % 2 == 0;
            Product p = new Product("p" + i, START.plusWeeks(i), null, 2.0, null,
                    Map.of("description", lantern ? "PAPER LANTERN " + i : "ENAMEL MUG " + i));
            products.add(p);
            for (int h = 0; h < HORIZON; h++) {
                sales.add(new SalesRecord(p.id(), "all", p.launchDate().plusWeeks(h), lantern ? 100 : 5));
            }
        }
        Product target = new Product("new", START.plusWeeks(60), null, 2.0, null,
                Map.of("description", "Star-Lantern, paper"));
        products.add(target);
        CuratedDataset dataset = new CuratedDataset(new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("description"), List.of("description"), "0".repeat(64)), products, sales, List.of());
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(dataset.manifest(), HORIZON);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(LaunchHistory.of(dataset, definitions, p -> true),
                SignalHistory.of(dataset, "trend"));

        LaunchFeatures features = computer.compute(target, target.launchDate());
        LaunchFeatures early = computer.compute(products.get(1), products.get(1).launchDate());

        assertThat(definitions.attributes()).as("free text is no category").isEmpty();
        assertThat(features.categorical()).isEmpty();
        assertThat(features.numeric()).containsEntry("text.description.words", 3.0) // star, lantern, paper
                .containsEntry("text.description.words_known", 2.0).containsEntry("text.description.word_launches", 20.0);
        assertThat(features.numeric().get("text.description.nearest.k11.similarity")).isGreaterThan(0.0);
        // the nearest by words are lanterns, well above the average launch (relative level 1)
        assertThat(features.numeric().get("text.description.nearest.k11.level")).isGreaterThan(1.5);
        assertThat(features.numeric().get("text.description.word_level_max")).isGreaterThan(1.5);
        // a mug launched second knew one earlier launch, a lantern with no word in common
        assertThat(early.numeric()).containsEntry("text.description.words_known", 0.0)
                .doesNotContainKey("text.description.nearest.k11.level");
        assertThat(TextIndex.words("T-LIGHT  holder, t-light")).containsExactly("t", "light", "holder");
    }
}
