package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a forecast warns its caller of. */
class ForecastWarningsTest {

    private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ForecastRequest UNSEEN_COLOUR = new ForecastRequest(List.of(new NewProduct("p1",
            Map.of("category", "culottes", "color", "ultraviolet"), LocalDate.of(2025, 3, 2), null, null)),
            null, null, null);

    @Test
    void aModelThatReadsTheProductWarnsOfValuesItNeverSaw() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1");

        assertThat(service(model).forecast(UNSEEN_COLOUR).get(0).warnings())
                .containsExactly("attributes.color 'ultraviolet' was never seen in training: analogs and cohorts"
                        + " fall back to the other attributes");
    }

    @Test
    void aModelThatLearnedFromPricesWarnsOfAMissingOne() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1");
        model.readsPrices = true;
        ForecastRequest priced = new ForecastRequest(List.of(new NewProduct("p1", Map.of("category", "culottes",
                "color", "red"), LocalDate.of(2025, 3, 2), null, 19.9)), null, null, null);
        ForecastRequest unpriced = new ForecastRequest(List.of(new NewProduct("p1", Map.of("category", "culottes",
                "color", "red"), LocalDate.of(2025, 3, 2), null, null)), null, null, null);

        assertThat(service(model).forecast(priced).get(0).warnings()).isEmpty();
        assertThat(service(model).forecast(unpriced).get(0).warnings())
                .containsExactly("price is missing: forecast without it (the launches it learned from had prices)");
    }

    @Test
    void aModelThatReadsNothingOfTheProductSaysSoInsteadOfNamingAttributes() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1");
        model.readsTheProduct = false;

        assertThat(service(model).forecast(UNSEEN_COLOUR).get(0).warnings())
                .containsExactly(ForecastService.FORECAST_ALIKE);
    }

    private static ForecastService service(ServingModel model) {
        ChampionModel champion = new ChampionModel("g");
        champion.swap(model);
        return new ForecastService(champion, CLOCK);
    }
}
