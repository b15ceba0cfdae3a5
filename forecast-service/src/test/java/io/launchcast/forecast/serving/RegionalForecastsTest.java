package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model forecasts a product's total over all regions: the regions a product launches in split it by their shares
 * of launch sales, so regional forecasts add up to the total instead of each repeating it.
 */
class RegionalForecastsTest {

    private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void eachRegionTakesItsShareOfTheTotalOverTheTypicalFootprint() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1", Map.of("north", 0.6, "south", 0.2,
                "east", 0.2));
        model.typicalFootprint = 0.4; // launches typically sell in regions that make 40 % of the sales
        ForecastService service = service(model);

        List<Forecast> everywhere = service.forecast(request(List.of("north", "south", "east")));
        List<Forecast> total = service.forecast(request(null));
        List<Forecast> twoRegions = service.forecast(request(List.of("north", "south")));
        List<Forecast> oneRegion = service.forecast(request(List.of("south")));

        assertThat(total).singleElement().satisfies(f -> assertThat(f.region()).isNull());
        double first = total.get(0).periods().get(0).mean(); // the fixed model's 10
        // the total is a typical launch's: one sold everywhere sells 1 / 0.4 of it, at each region's share
        assertThat(everywhere).extracting(Forecast::region).containsExactly("north", "south", "east");
        assertThat(firstMeans(everywhere)).usingComparatorForType(closeTo(), Double.class)
                .containsExactly(1.5 * first, 0.5 * first, 0.5 * first);
        assertThat(everywhere.get(0).periods().get(0).quantiles().get("p90"))
                .isCloseTo(1.5 * total.get(0).periods().get(0).quantiles().get("p90"), within(1e-9));
        // a launch in the south alone is not given the chain's total: the south's sales at the product's rate
        assertThat(firstMeans(twoRegions)).usingComparatorForType(closeTo(), Double.class)
                .containsExactly(1.5 * first, 0.5 * first);
        assertThat(firstMeans(oneRegion)).usingComparatorForType(closeTo(), Double.class).containsExactly(0.5 * first);
        // one forecast of the product per request, whatever the regions
        assertThat(model.forecasts.get()).isEqualTo(4);
    }

    @Test
    void aModelThatReadsTheFootprintIsGivenTheRegionsCountAndTheRegionsShareItsTotalByTheirShares() {
        FixedCurveServingModel model = new FixedCurveServingModel("g/1", Map.of("north", 0.6, "south", 0.2,
                "east", 0.2));
        model.typicalFootprint = 0.4;
        model.footprintAttribute = "stores";
        ForecastService service = service(model);

        List<Forecast> twoRegions = service.forecast(request(List.of("north", "south")));
        List<Forecast> total = service.forecast(request(null));
        List<Forecast> given = service.forecast(new ForecastRequest(List.of(new NewProduct("p1",
                Map.of("category", "culottes", "stores", "12"), LocalDate.of(2027, 3, 1), List.of("south"), null)),
                null, null, null));

        // its total is already that of a launch in these two regions: they share it, 0.6 : 0.2
        assertThat(firstMeans(twoRegions)).usingComparatorForType(closeTo(), Double.class).containsExactly(7.5, 2.5);
        assertThat(firstMeans(total)).containsExactly(10.0);
        assertThat(firstMeans(given)).containsExactly(10.0);
        assertThat(model.asked).extracting(p -> p.attributes().get("stores")).containsExactly("2", null, "12");
        assertThat(twoRegions.get(0).warnings()).noneMatch(w -> w.contains("stores"));
        assertThat(total.get(0).warnings()).contains("attributes.stores is missing: forecast without it");
    }

    @Test
    void theTypicalFootprintIsTheMeanShareALaunchsRegionsCover() {
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(new io.launchcast.features.dataset.DatasetManifest(
                "shop", "1", io.launchcast.features.dataset.Period.WEEK,
                io.launchcast.features.dataset.PeriodAnchor.LAUNCH, List.of(), "0".repeat(64)), 2);
        LocalDate launch = LocalDate.of(2027, 1, 4);
        List<io.launchcast.features.dataset.Product> products = List.of(product("a", launch), product("b", launch),
                product("c", launch));
        RegionShares shares = new RegionShares(products, definitions);
        // north sells 60 units, south 20, east 20; a sells everywhere, b in the north, c in the east only
        List.of(sale("a", "north", launch, 30), sale("a", "south", launch, 20), sale("a", "east", launch, 10),
                sale("b", "north", launch.plusWeeks(1), 30), sale("c", "east", launch, 10),
                sale("c", "west", launch.plusWeeks(2), 50)) // after the horizon: not counted
                .forEach(shares);

        assertThat(shares.shares()).containsExactly(Map.entry("east", 0.2), Map.entry("north", 0.6),
                Map.entry("south", 0.2));
        assertThat(shares.typicalFootprint()).isCloseTo((1.0 + 0.6 + 0.2) / 3, within(1e-12));
    }

    private static io.launchcast.features.dataset.Product product(String id, LocalDate launch) {
        return new io.launchcast.features.dataset.Product(id, launch, null, null, null, Map.of());
    }

    private static io.launchcast.features.dataset.SalesRecord sale(String id, String region, LocalDate start, long units) {
        return new io.launchcast.features.dataset.SalesRecord(id, region, start, units);
    }

    private static java.util.Comparator<Double> closeTo() {
        return (a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b);
    }

    @Test
    void aRegionTheModelsDataNeverSoldInIsRefusedNamingTheRegionsItKnows() {
        ForecastService service = service(new FixedCurveServingModel("g/1", Map.of("north", 0.7, "south", 0.3)));

        assertThatThrownBy(() -> service.forecast(request(List.of("north", "west"))))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("products[0].regions[1]");
                            assertThat(error.message()).isEqualTo("no launch sold in region 'west' in the model's"
                                    + " data; its 2 regions: [north, south]");
                        }));
    }

    @Test
    void aRefusedRegionOfAChainOfThousandsNamesAFewAndTheCountOrTheOneMeant() {
        Map<String, Double> shops = new java.util.HashMap<>();
        for (int i = 0; i < 5000; i++) {
            shops.put(String.format("Shop %04d", i), 1.0 / 5000);
        }
        ForecastService service = service(new FixedCurveServingModel("g/1", shops));

        assertThatThrownBy(() -> service.forecast(request(List.of("Shop 9999", "shop 0042 "))))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.message()).containsExactly(
                                "no launch sold in region 'Shop 9999' in the model's data; its 5000 regions: [Shop 0000, "
                                        + "Shop 0001, Shop 0002, Shop 0003, Shop 0004, Shop 0005, Shop 0006, Shop 0007, "
                                        + "Shop 0008, Shop 0009, Shop 0010, Shop 0011, Shop 0012, Shop 0013, Shop 0014, "
                                        + "Shop 0015, Shop 0016, Shop 0017, Shop 0018, Shop 0019] and 4980 more",
                                "no launch sold in region 'shop 0042 ' in the model's data; did you mean 'Shop 0042'?"));
    }

    @Test
    void aLaunchInHundredsOfAChainsShopsIsAnsweredAndARequestOfTooManyForecastsIsRefusedWithItsCount() {
        Map<String, Double> shops = new java.util.HashMap<>();
        for (int i = 0; i < 5000; i++) {
            shops.put(String.format("Shop %04d", i), 1.0 / 5000);
        }
        FixedCurveServingModel model = new FixedCurveServingModel("g/1", shops);
        model.typicalFootprint = 0.1;
        ForecastService service = service(model);
        List<String> planned = shops.keySet().stream().sorted().limit(400).toList();

        try (var validation = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
            assertThat(validation.getValidator().validate(request(planned))).as("the request's own constraints").isEmpty();
        }
        List<Forecast> forecasts = service.forecast(request(planned));

        assertThat(forecasts).hasSize(400).extracting(Forecast::region).containsExactlyElementsOf(planned);
        // 400 of 5000 equal shops are 8 % of the chain against a typical launch's 10 %
        assertThat(forecasts.stream().mapToDouble(f -> f.periods().get(0).mean()).sum()).isCloseTo(8.0, within(1e-9));
        List<NewProduct> many = java.util.stream.IntStream.range(0, 130).mapToObj(i -> new NewProduct("p" + i,
                Map.of("category", "culottes"), LocalDate.of(2027, 3, 1), planned, null)).toList();
        assertThatThrownBy(() -> service.forecast(new ForecastRequest(many, null, null, null)))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field() + ": " + error.message()).containsExactly(
                                "products: 52000 forecasts asked for (a product in n regions is n forecasts), at most"
                                        + " 50000 in one request: split it"));
    }

    @Test
    void aBlankOrRepeatedRegionIsRefused() {
        ForecastService service = service(new FixedCurveServingModel("g/1", Map.of("north", 0.7, "south", 0.3)));

        assertThatThrownBy(() -> service.forecast(request(java.util.Arrays.asList("north", null, " ", "north"))))
                .isInstanceOfSatisfying(InvalidForecastRequestException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field() + ": " + error.message()).containsExactly(
                                "products[0].regions[1]: must not be blank",
                                "products[0].regions[2]: must not be blank",
                                "products[0].regions[3]: 'north' is already asked for"));
    }

    @Test
    void dataOfOneRegionCannotTellRegionsApartSoTheyShareTheTotalEvenly() {
        // sales of one region ("all"), a catalogue that names each product's market: the upcoming launches' batch
        // asks for that market, which takes the total
        for (ServingModel model : List.of(new FixedCurveServingModel("g/1"),
                new FixedCurveServingModel("g/1", Map.of("all", 1.0)))) {
            ForecastService service = service(model);

            assertThat(firstMeans(service.forecast(request(List.of("north", "south"))))).containsExactly(5.0, 5.0);
            assertThat(firstMeans(service.forecast(request(List.of("north"))))).containsExactly(10.0);
        }
    }

    @Test
    void sharesAreOfWhatLaunchesSoldInTheirHorizonByRegion() {
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR, List.of(), "h");
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(manifest, 2);
        LocalDate launch = LocalDate.of(2024, 1, 1);
        RegionShares shares = new RegionShares(List.of(new Product("a", launch, null, null, null, Map.of())),
                definitions);
        List.of(new SalesRecord("a", "north", launch, 5), new SalesRecord("a", "north", launch.plusWeeks(1), 1),
                new SalesRecord("a", "south", launch.plusWeeks(1), 2),
                new SalesRecord("a", "south", launch.plusWeeks(2), 90), // after the horizon
                new SalesRecord("a", "west", launch.minusWeeks(1), 40), // before the launch
                new SalesRecord("b", "east", launch, 30)) // not a launch the history knows
                .forEach(shares);

        assertThat(shares.shares()).containsExactly(Map.entry("north", 0.75), Map.entry("south", 0.25));
    }

    /** Each forecast's mean of its first period, to 1e-9 (shares are divided by their sum). */
    private static List<Double> firstMeans(List<Forecast> forecasts) {
        return forecasts.stream().map(f -> Math.round(f.periods().get(0).mean() * 1e9) / 1e9).toList();
    }

    private static ForecastService service(ServingModel model) {
        ChampionModel champion = new ChampionModel("g");
        champion.swap(model);
        return new ForecastService(champion, CLOCK);
    }

    private static ForecastRequest request(List<String> regions) {
        return new ForecastRequest(List.of(new NewProduct("p1", Map.of("category", "culottes"),
                LocalDate.of(2027, 3, 1), regions, null)), null, null, null);
    }
}
