package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainedServingModelTest {

    @Test
    void aRequestMayGiveTheFreeTextAttributesTheModelLearnedFromAsWellAsItsCategories() {
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family", "description"), List.of("description"), "0".repeat(64));
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(manifest, 8);

        TrainedServingModel model = new TrainedServingModel("1", null, null, definitions, Map.of());

        assertThat(model.attributes()).containsExactly("family", "description");
    }

    @Test
    void onlyCategoriesAreCheckedForUnseenValuesNotADescriptionOrASize() {
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family", "description", "pack"), List.of("description"), List.of("pack"), "0".repeat(64));

        TrainedServingModel model = new TrainedServingModel("1", null, null,
                FeatureDefinitions.forDataset(manifest, 8), Map.of());

        assertThat(model.attributes()).containsExactly("family", "description", "pack");
        assertThat(model.categoricalAttributes()).containsExactly("family");
    }
}
