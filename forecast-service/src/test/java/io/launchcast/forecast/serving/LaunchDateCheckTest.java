package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A launch date before anything the model's data know is refused: its forecast would come from empty features and
 * no analog (a mean of 0 under intervals of the unconditional curve), not from what the model learned.
 */
class LaunchDateCheckTest {

    private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2012-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aLaunchBeforeTheModelsFirstKnowledgeIsRefusedNamingTheDate() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1");
        model.firstKnowledge = LocalDate.of(2010, 12, 8);
        ForecastService service = service(model);

        assertThatThrownBy(() -> service.forecast(request(LocalDate.of(2009, 12, 5))))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("products[0].launchDate");
                            assertThat(error.message()).isEqualTo("must be between 2010-12-08 and 2017-01-01"
                                    + " (model g/1 knows no launch's sales before 2010-12-08: nothing to forecast"
                                    + " from)");
                        }));
        assertThat(service.forecast(request(LocalDate.of(2010, 12, 8)))).hasSize(1);
        assertThat(model.forecasts.get()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotKnowItsFirstKnowledgeKeepsTheFixedBounds() {
        ForecastService service = service(new FixedCurveServingModel("g/1"));

        assertThat(service.forecast(request(LocalDate.of(2009, 12, 5)))).hasSize(1);
        assertThatThrownBy(() -> service.forecast(request(LocalDate.of(1999, 12, 31))))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> assertThat(error.message())
                                .isEqualTo("must be between 2000-01-01 and 2017-01-01")));
    }

    private static ForecastService service(ServingModel model) {
        ChampionModel champion = new ChampionModel("g");
        champion.swap(model);
        return new ForecastService(champion, CLOCK);
    }

    private static ForecastRequest request(LocalDate launch) {
        return new ForecastRequest(List.of(new NewProduct("p1", Map.of("category", "culottes"), launch, null, null)),
                null, null, null);
    }
}
