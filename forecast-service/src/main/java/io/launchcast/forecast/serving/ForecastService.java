package io.launchcast.forecast.serving;

import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.ProductForecast;
import io.launchcast.platform.problem.FieldError;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks new products against the serving model (known attribute names, plausible launch dates, horizon and
 * quantiles it can answer) and forecasts them. An attribute value the model never saw is accepted and flagged:
 * the analogs then come from the other attributes.
 */
public class ForecastService {

    /** The most region names a refusal lists. */
    static final int REGIONS_LISTED = 20;

    /** Launches further out than this are refused: no signal or cohort would describe them. */
    static final int MAX_YEARS_AHEAD = 5;
    /**
     * Forecasts one request may ask for, a product in n regions being n: bounds the answer's size (the 1,000
     * products a request may hold in 50 regions each) while a launch may go to hundreds of a chain's stores.
     */
    static final int MAX_FORECASTS = 50_000;
    static final LocalDate EARLIEST_LAUNCH = LocalDate.of(2000, 1, 1);
    static final int TOP_DRIVERS = 8;
    /** The warning of every forecast of a model that reads nothing of the product (ADR 0165). */
    static final String FORECAST_ALIKE = "the registered model forecasts every product launching on the same date"
            + " alike: on validation a global curve beat the models that read attributes, words and prices, so"
            + " nothing about this product changed its forecast";

    private final ChampionModel champion;
    private final Clock clock;

    public ForecastService(ChampionModel champion, Clock clock) {
        this.champion = champion;
        this.clock = clock;
    }

    /** The forecasts of one request; a request with bad fields is refused as a whole, naming each of them. */
    public List<Forecast> forecast(ForecastRequest request) {
        Answer answer = forecastEach(List.of(request)).get(0);
        if (answer.refused() != null) {
            throw answer.refused();
        }
        return answer.forecasts();
    }

    /** One request's answer: its forecasts, or why it was refused (then {@code forecasts} is empty). */
    public record Answer(List<Forecast> forecasts, InvalidForecastRequestException refused) {
    }

    /**
     * Answers many requests with one model (a batch part: a request per input line): each is checked on its
     * own, and the products of all valid ones are forecast together, so the model can work on them as a block.
     */
    public List<Answer> forecastEach(List<ForecastRequest> requests) {
        ServingModel model = champion.get(); // one model for all of them, even if a swap happens meanwhile
        List<List<FieldError>> refusals = new ArrayList<>(requests.size());
        List<Product> explained = new ArrayList<>();
        List<Product> unexplained = new ArrayList<>();
        for (ForecastRequest request : requests) {
            List<FieldError> errors = check(request, model);
            refusals.add(errors);
            if (errors.isEmpty()) {
                (request.explains() ? explained : unexplained).addAll(products(request, model));
            }
        }
        Iterator<ProductForecast> withExplanation = forecastAll(model, explained, true);
        Iterator<ProductForecast> withoutExplanation = forecastAll(model, unexplained, false);
        List<Answer> answers = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            ForecastRequest request = requests.get(r);
            if (!refusals.get(r).isEmpty()) {
                answers.add(new Answer(List.of(), new InvalidForecastRequestException(refusals.get(r))));
                continue;
            }
            Iterator<ProductForecast> raw = request.explains() ? withExplanation : withoutExplanation;
            List<Double> levels = levels(request, model);
            int horizon = request.horizon() == null ? model.horizon() : request.horizon();
            List<Forecast> forecasts = new ArrayList<>();
            for (NewProduct product : request.products()) {
                List<String> warnings = warnings(model, product);
                // the model forecasts the product's total once; the regions it launches in split it
                ProductForecast total = raw.next();
                List<String> regions = regions(product);
                double[] split = split(model, regions);
                for (int g = 0; g < regions.size(); g++) {
                    forecasts.add(toForecast(model, total, product, regions.get(g), split[g], horizon, levels,
                            warnings, request.explains()));
                }
            }
            answers.add(new Answer(forecasts, null));
        }
        return answers;
    }

    private static Iterator<ProductForecast> forecastAll(ServingModel model, List<Product> products, boolean explain) {
        return products.isEmpty() ? java.util.Collections.emptyIterator()
                : model.forecastAll(products, explain).iterator();
    }

    /** Each field of the request the model cannot answer, named. */
    private List<FieldError> check(ForecastRequest request, ServingModel model) {
        List<Double> levels = levels(request, model);
        int horizon = request.horizon() == null ? model.horizon() : request.horizon();
        List<FieldError> errors = new ArrayList<>();
        if (horizon > model.horizon()) {
            errors.add(new FieldError("horizon", "model " + model.version() + " forecasts at most " + model.horizon()
                    + " periods"));
        }
        double[] range = model.quantileRange();
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) < range[0] - 1e-9 || levels.get(i) > range[1] + 1e-9) {
                errors.add(new FieldError("quantiles[" + i + "]", "outside the calibrated range " + range[0] + "-"
                        + range[1] + " (any level within it is answered)"));
            }
        }
        LocalDate latest = LocalDate.now(clock).plusYears(MAX_YEARS_AHEAD);
        long asked = request.products().stream().mapToLong(p -> Math.max(1, p.regions() == null ? 0
                : p.regions().size())).sum();
        if (asked > MAX_FORECASTS) {
            errors.add(new FieldError("products", asked + " forecasts asked for (a product in n regions is n"
                    + " forecasts), at most " + MAX_FORECASTS + " in one request: split it"));
            return errors;
        }
        for (int p = 0; p < request.products().size(); p++) {
            NewProduct product = request.products().get(p);
            for (String name : product.attributes().keySet()) {
                if (!model.attributes().contains(name)) {
                    errors.add(new FieldError("products[" + p + "].attributes." + name,
                            "unknown attribute; the model knows " + model.attributes()));
                }
            }
            List<String> regions = product.regions() == null ? List.of() : product.regions();
            java.util.Set<String> named = new java.util.HashSet<>();
            for (int r = 0; r < regions.size(); r++) {
                String region = regions.get(r);
                if (region == null || region.isBlank() || !named.add(region)) {
                    errors.add(new FieldError("products[" + p + "].regions[" + r + "]", region == null
                            || region.isBlank() ? "must not be blank" : "'" + region + "' is already asked for"));
                } else if (model.regionShares().size() > 1 && !model.regionShares().containsKey(region)) {
                    errors.add(new FieldError("products[" + p + "].regions[" + r + "]", "no launch sold in region '"
                            + regions.get(r) + "' in the model's data; " + regionsLike(region, model.regionShares().keySet())));
                }
            }
            LocalDate earliest = model.firstKnowledge() == null ? EARLIEST_LAUNCH : model.firstKnowledge();
            if (product.launchDate() != null
                    && (product.launchDate().isBefore(earliest) || product.launchDate().isAfter(latest))) {
                errors.add(new FieldError("products[" + p + "].launchDate", "must be between " + earliest + " and "
                        + latest + (model.firstKnowledge() == null ? "" : " (model " + model.version()
                        + " knows no launch's sales before " + earliest + ": nothing to forecast from)")));
            }
        }
        return errors;
    }

    /**
     * The request's products, once each: the model forecasts a product's total over all regions. Where the model
     * reads a footprint (how many regions a product is sold in) and the request names a product's regions without
     * giving it, their count is its footprint.
     */
    private static List<Product> products(ForecastRequest request, ServingModel model) {
        List<Product> products = new ArrayList<>();
        for (NewProduct product : request.products()) {
            Map<String, String> attributes = product.attributes();
            String footprint = model.footprintAttribute().orElse(null);
            if (footprint != null && !attributes.containsKey(footprint) && product.regions() != null
                    && !product.regions().isEmpty()) {
                attributes = new LinkedHashMap<>(attributes);
                attributes.put(footprint, String.valueOf(product.regions().size()));
            }
            products.add(new Product(product.productId(), product.launchDate(), null, product.price(), null,
                    attributes));
        }
        return products;
    }

    /**
     * What each region a product launches in takes of the model's total: its share of launches' sales in the model's
     * data over the share a launch's regions typically cover (ADR 0170). The total is that of a launch with the
     * typical footprint (no model reads where a product is sold), so a launch in a few of a chain's stores gets
     * their sales at the product's rate, not the chain's total, and one in every store more than the total. Evenly
     * where the model's data have a single region (or it does not know them). No region ({@code null}): the total.
     * A model that reads the footprint forecasts the total of the product's own regions: they share it in proportion
     * to their shares.
     */
    static double[] split(ServingModel model, List<String> regions) {
        double[] split = new double[regions.size()];
        if (regions.size() == 1 && regions.get(0) == null) {
            split[0] = 1;
            return split;
        }
        // data of one region (or none known) cannot tell regions apart: a product's own region, from a catalogue
        // that names one, takes the total
        if (model.regionShares().size() <= 1) {
            java.util.Arrays.fill(split, 1.0 / split.length);
            return split;
        }
        double footprint = model.footprintAttribute().isPresent()
                ? regions.stream().mapToDouble(r -> model.regionShares().get(r)).sum() : model.typicalFootprint();
        if (footprint <= 0) {
            java.util.Arrays.fill(split, 1.0 / split.length);
            return split;
        }
        for (int r = 0; r < split.length; r++) {
            split[r] = model.regionShares().get(regions.get(r)) / footprint;
        }
        return split;
    }

    private static List<String> regions(NewProduct product) {
        return product.regions() == null || product.regions().isEmpty()
                ? java.util.Collections.singletonList(null) : product.regions();
    }

    private static List<Double> levels(ForecastRequest request, ServingModel model) {
        return request.quantiles() == null || request.quantiles().isEmpty() ? model.quantileLevels() : request.quantiles();
    }

    /**
     * What the caller should know about the product's forecast: attribute values the model never saw or is not
     * given, or, when the model reads nothing of a product, that.
     */
    private static List<String> warnings(ServingModel model, NewProduct product) {
        if (!model.readsTheProduct()) {
            return List.of(FORECAST_ALIKE);
        }
        List<String> warnings = new ArrayList<>();
        product.attributes().forEach((name, value) -> {
            if (model.categoricalAttributes().contains(name) && !model.knownValues(name).contains(value)) {
                warnings.add("attributes." + name + " '" + value + "' was never seen in training: "
                        + "analogs and cohorts fall back to the other attributes");
            }
        });
        boolean regionsNamed = product.regions() != null && !product.regions().isEmpty();
        for (String name : model.attributes()) {
            boolean footprintOfRegions = regionsNamed && model.footprintAttribute().filter(name::equals).isPresent();
            if (!product.attributes().containsKey(name) && !footprintOfRegions) {
                warnings.add("attributes." + name + " is missing: forecast without it");
            }
        }
        if (model.readsPrices() && product.price() == null) {
            warnings.add("price is missing: forecast without it (the launches it learned from had prices)");
        }
        return warnings;
    }

    /**
     * The response of one product in one region ({@code null}: the product's total), {@code share} of the model's
     * forecast of the total (1 for the total).
     */
    static Forecast toForecast(ServingModel model, ProductForecast computed, NewProduct product, String region,
            double share, int horizon, List<Double> levels, List<String> warnings, boolean explain) {
        // levels between the calibrated ones are interpolated by the model
        ProductForecast raw = levels.stream().allMatch(l -> computed.quantile(l) != null) ? computed
                : model.withQuantiles(computed, levels);
        // labels and rows looked up once per level, not once per level and period
        String[] labels = new String[levels.size()];
        double[][] rows = new double[levels.size()][];
        for (int q = 0; q < labels.length; q++) {
            labels[q] = label(levels.get(q));
            rows[q] = raw.quantile(levels.get(q));
        }
        List<Forecast.Period> periods = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            Map<String, Double> quantiles = new LinkedHashMap<>(labels.length * 2);
            for (int q = 0; q < labels.length; q++) {
                quantiles.put(labels[q], share * rows[q][h]);
            }
            periods.add(new Forecast.Period(h + 1, model.periodStart(product.launchDate(), h), share * raw.mean()[h],
                    quantiles));
        }
        if (!explain) {
            return new Forecast(raw.productId(), region, model.version(), model.knowledge(), product.launchDate(), periods,
                    new Forecast.Explanation(List.of(), List.of()), warnings);
        }
        var analogs = raw.explanation().analogs().stream()
                .map(a -> new Forecast.Analog(a.productId(), a.weight(), a.similarity(), a.shared())).toList();
        var drivers = raw.explanation().contributions().stream()
                .sorted((a, b) -> Double.compare(Math.abs(b.value()), Math.abs(a.value())))
                .limit(TOP_DRIVERS)
                .map(c -> new Forecast.Driver(c.feature(), c.value())).toList();
        return new Forecast(raw.productId(), region, model.version(), model.knowledge(), product.launchDate(), periods,
                new Forecast.Explanation(analogs, drivers), warnings);
    }

    /** {@code 0.1 -> p10}, {@code 0.975 -> p97.5}. */
    static String label(double level) {
        return LABELS.computeIfAbsent(level, ForecastService::format);
    }

    /** Labels by level: formatting them took a tenth of a batch forecast's time. */
    private static final Map<Double, String> LABELS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String format(double level) {
        String percent = String.format(Locale.ROOT, "%.4f", level * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return "p" + percent;
    }

    /** Regions a refused one may have meant (same name but for case and spaces), else the first of them all. */
    static String regionsLike(String region, java.util.Set<String> known) {
        String key = region.strip().toLowerCase(java.util.Locale.ROOT);
        List<String> like = known.stream().filter(k -> k.strip().toLowerCase(java.util.Locale.ROOT).equals(key))
                .sorted().toList();
        if (!like.isEmpty()) {
            return "did you mean " + like.stream().map(k -> "'" + k + "'").collect(java.util.stream.Collectors.joining(
                    " or ")) + "?";
        }
        // a chain of thousands of stores: a few names say what they look like, the count how many there are
        List<String> first = known.stream().sorted().limit(REGIONS_LISTED).toList();
        return "its " + known.size() + " regions: " + first
                + (known.size() > REGIONS_LISTED ? " and " + (known.size() - REGIONS_LISTED) + " more" : "");
    }
}
