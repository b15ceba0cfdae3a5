package io.launchcast.forecast.model;

import io.launchcast.features.compute.AttributeIndex;
import io.launchcast.features.compute.FilledCurves;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.PastLaunch;
import io.launchcast.features.compute.Quantiles;
import io.launchcast.features.compute.TextIndex;
import io.launchcast.features.dataset.Product;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The analog model: the k past launches most similar to the product, with similarity a weighted share of
 * equal attribute values, for free-text attributes (names, descriptions) of the Jaccard similarity of their
 * word sets, and of price closeness, and their curves averaged with the similarities as weights. Price closeness
 * is {@code exp(-|ln p - ln q| / b)}, with the bandwidth b half the robust spread (1.4826 MAD) of the history's
 * log prices: prices are compared on the scale a retailer's assortment spans, whatever its currency. Only what was known at
 * the product's as-of date is used: launches before it, cut to their ended periods; a neighbour's periods
 * not known yet are filled from its relative level times the mean curve of that date. The attribute weights
 * and k are learned by coordinate search on the WAPE of earlier launches (see {@link #learn}), and so is whether
 * the neighbours' curves are averaged or their weighted median taken period by period: of lumpy sales (a
 * wholesaler's cartons) the median is what a summed absolute error rewards, of smooth ones the mean is steadier.
 */
public final class AnalogModel implements EnsembleComponent {

    private static final double[] WEIGHT_GRID = {0.0, 0.25, 0.5, 1.0, 2.0, 4.0};
    /** How many of the nearest launches an explanation names. */
    private static final int EXPLAINED = 5;

    private final LaunchHistory history;
    private final List<String> attributes;
    private final double[] weights;
    /** Weight of price closeness (0: price not compared). */
    private final double priceWeight;
    /** The numeric attributes compared by closeness, like price (a store count, a pack size), and their weights. */
    private final List<String> numeric;
    private final double[] numericWeights;
    /** Per snapshot (its list of past launches, by identity), each numeric attribute's values and bandwidth. */
    private final SnapshotCache<List<PastLaunch>, Values[]> numericValues = new SnapshotCache<>();
    private final int k;
    /** Whether the neighbours' weighted median is taken per period instead of their weighted mean. */
    private final boolean median;
    private final int horizon;
    /** The attributes compared by equality, and their positions in {@link #attributes}. */
    private final List<String> categorical;
    private final int[] categoricalAt;
    /** The free-text attributes compared by their words, and their positions in {@link #attributes}. */
    private final List<String> text;
    private final int[] textAt;
    private final double totalWeight;
    private final double textWeight;
    /** Per snapshot (its list of past launches, by identity), the word index of each text attribute. */
    private final SnapshotCache<List<PastLaunch>, TextIndex[]> textIndexes = new SnapshotCache<>();
    /** Per snapshot (its list of past launches, by identity), their log prices and the price bandwidth. */
    private final SnapshotCache<List<PastLaunch>, Prices> prices = new SnapshotCache<>();
    /**
     * The most attributes compared by equality whose combinations of equal values are ranked in a table (2^n of
     * them: 65,536 at most); beyond, every launch is scored attribute by attribute, as with words or price.
     */
    static final int MOST_ATTRIBUTES_BY_COMBINATION = 16;
    /**
     * Per categorical attribute mask (bit i: equal on categorical i), the similarity of a launch that matches it;
     * null beyond {@link #MOST_ATTRIBUTES_BY_COMBINATION} attributes.
     */
    private final double[] similarities;
    /**
     * Every attribute mask, most similar first; equal similarities keep ascending mask order. Depends on the
     * weights only, so it is ranked once per model rather than once per forecast.
     */
    private final int[] masksBySimilarity;
    /**
     * The neighbours of the examples this thread asked about last: one example for a single forecast, the whole
     * block for {@link #predictAll}. One ensemble forecast asks up to four times for the same example (as a
     * blend component, as the boosted model's stacked feature, and in both explanations); the search is the
     * dearest part of a forecast, so it runs once. Keyed by identity (records compare by value), and replaced
     * by the next question, so a thread holds at most one block.
     */
    private final ThreadLocal<Map<LaunchExample, Neighbours>> recent = new ThreadLocal<>();

    /**
     * @param attributes the attributes compared; those the history's definitions declare as text are compared by
     *        their words, the others by equality
     */
    public AnalogModel(LaunchHistory history, List<String> attributes, double[] weights, int k, int horizon) {
        this(history, attributes, weights, 0.0, k, horizon);
    }

    /** @param priceWeight the weight of price closeness next to the attributes' (0: price not compared) */
    public AnalogModel(LaunchHistory history, List<String> attributes, double[] weights, double priceWeight, int k,
                       int horizon) {
        this(history, attributes, weights, priceWeight, k, false, horizon);
    }

    /** @param median whether to take the neighbours' weighted median per period instead of their weighted mean */
    public AnalogModel(LaunchHistory history, List<String> attributes, double[] weights, double priceWeight, int k,
                       boolean median, int horizon) {
        this(history, attributes, weights, priceWeight, Map.of(), k, median, horizon);
    }

    /**
     * @param numericWeights the weight of each numeric attribute's closeness, by name (compared like price: on a log
     *        scale when every known value is positive, within half the values' robust spread)
     */
    public AnalogModel(LaunchHistory history, List<String> attributes, double[] weights, double priceWeight,
                       Map<String, Double> numericWeights, int k, boolean median, int horizon) {
        this.history = history;
        this.numeric = List.copyOf(numericWeights.keySet().stream().sorted().toList());
        this.numericWeights = numeric.stream().mapToDouble(numericWeights::get).toArray();
        this.median = median;
        this.attributes = List.copyOf(attributes);
        this.weights = weights.clone();
        this.priceWeight = priceWeight;
        this.k = k;
        this.horizon = horizon;
        List<String> declaredText = history.definitions().textAttributes();
        int[] textPositions = IntStream.range(0, this.attributes.size())
                .filter(i -> declaredText.contains(this.attributes.get(i))).toArray();
        this.textAt = textPositions;
        this.text = Arrays.stream(textPositions).mapToObj(this.attributes::get).toList();
        this.categoricalAt = IntStream.range(0, this.attributes.size())
                .filter(i -> !declaredText.contains(this.attributes.get(i))).toArray();
        this.categorical = Arrays.stream(categoricalAt).mapToObj(this.attributes::get).toList();
        this.totalWeight = Arrays.stream(this.weights).sum() + priceWeight + Arrays.stream(this.numericWeights).sum();
        this.textWeight = Arrays.stream(textPositions).mapToDouble(i -> this.weights[i]).sum();
        int a = categorical.size();
        if (a > MOST_ATTRIBUTES_BY_COMBINATION) {
            this.similarities = null;
            this.masksBySimilarity = null;
            return;
        }
        this.similarities = new double[1 << a];
        for (int m = 0; m < similarities.length; m++) {
            double s = 0;
            for (int i = 0; i < a; i++) {
                if ((m & (1 << i)) != 0) {
                    s += this.weights[categoricalAt[i]];
                }
            }
            similarities[m] = totalWeight == 0 ? 0 : s / totalWeight;
        }
        Integer[] masks = new Integer[similarities.length];
        for (int m = 0; m < masks.length; m++) {
            masks[m] = m;
        }
        Arrays.sort(masks, (x, y) -> Double.compare(similarities[y], similarities[x])); // stable
        this.masksBySimilarity = Arrays.stream(masks).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Learns attribute weights, the weight of price (when the launches have prices) and k on {@code tuning}
     * launches (each forecast from its own as-of snapshot, so every forecast is out of sample): two passes of
     * coordinate search over a small weight grid, then k. Price starts unweighted, so it is compared only when
     * that lowers the tuning error. Last, the weighted median with each k: kept when it lowers the tuning error.
     */
    public static AnalogModel learn(LaunchHistory history, List<String> attributes, List<Integer> kCandidates,
                                    List<LaunchExample> tuning, int horizon) {
        // after the attributes' coordinates, price's, searched only when the tuning launches have prices, then each
        // numeric attribute's the tuning launches have values of; all of those start unweighted
        boolean priced = tuning.stream().anyMatch(e -> e.product().price() != null);
        List<String> numeric = history.definitions().numericAttributes().stream().filter(n -> tuning.stream()
                .anyMatch(e -> LaunchFeatureComputer.numericValue(e.product().attribute(n)) != null)).toList();
        double[] w = new double[attributes.size() + 1 + numeric.size()];
        Arrays.fill(w, 0, attributes.size(), 1.0);
        int k = kCandidates.get(kCandidates.size() / 2);
        AnalogModel probe = new AnalogModel(history, attributes, Arrays.copyOf(w, attributes.size()), k, horizon);
        List<Candidates> cached = tuning.stream().map(e -> probe.candidates(e, priced, numeric, true)).toList();
        double best = of(history, attributes, numeric, w, k, false, horizon).wape(tuning, cached);
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < w.length; a++) {
                if (a == attributes.size() && !priced) {
                    continue;
                }
                double keep = w[a];
                for (double candidate : WEIGHT_GRID) {
                    if (candidate == keep) {
                        continue;
                    }
                    double[] trial = w.clone();
                    trial[a] = candidate;
                    if (Arrays.stream(trial).sum() == 0) {
                        continue;
                    }
                    double score = of(history, attributes, numeric, trial, k, false, horizon).wape(tuning, cached);
                    if (score < best - 1e-9) {
                        best = score;
                        w = trial;
                    }
                }
            }
            for (int candidate : kCandidates) {
                double score = of(history, attributes, numeric, w, candidate, false, horizon).wape(tuning, cached);
                if (score < best - 1e-9) {
                    best = score;
                    k = candidate;
                }
            }
        }
        boolean median = false;
        for (int candidate : kCandidates) {
            double score = of(history, attributes, numeric, w, candidate, true, horizon).wape(tuning, cached);
            if (score < best - 1e-9) {
                best = score;
                k = candidate;
                median = true;
            }
        }
        return of(history, attributes, numeric, w, k, median, horizon);
    }

    /** A model from the search's coordinates: the attributes' weights, then price's, then the numeric attributes'. */
    private static AnalogModel of(LaunchHistory history, List<String> attributes, List<String> numeric,
                                  double[] coordinates, int k, boolean median, int horizon) {
        return new AnalogModel(history, attributes, Arrays.copyOf(coordinates, attributes.size()),
                coordinates[attributes.size()], numericWeights(numeric, coordinates, attributes.size() + 1), k,
                median, horizon);
    }

    /** The numeric attributes' weights from {@code from} on in the search's coordinates; the unweighted left out. */
    private static Map<String, Double> numericWeights(List<String> numeric, double[] coordinates, int from) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            if (coordinates[from + i] != 0) {
                weights.put(numeric.get(i), coordinates[from + i]);
            }
        }
        return weights;
    }

    private double wape(List<LaunchExample> examples, List<Candidates> cached) {
        double err = 0;
        double tot = 0;
        for (int i = 0; i < examples.size(); i++) {
            LaunchExample e = examples.get(i);
            double[] p = neighbours(cached.get(i)).curve();
            for (int h = 0; h < horizon; h++) {
                err += Math.abs(e.actual()[h] - p[h]);
                tot += e.actual()[h];
            }
        }
        return tot == 0 ? 0 : err / tot;
    }

    /** The learned weight of each attribute, by name. */
    public Map<String, Double> attributeWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            m.put(attributes.get(i), weights[i]);
        }
        return m;
    }

    /** The learned weight of each numeric attribute's closeness, by name (those compared only). */
    public Map<String, Double> numericWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            m.put(numeric.get(i), numericWeights[i]);
        }
        return m;
    }

    /** The learned weight of price closeness (0: price is not compared). */
    public double priceWeight() {
        return priceWeight;
    }

    @Override
    public ComponentSpec spec() {
        return new AnalogSpec(attributes, weights, k, priceWeight, median ? AnalogSpec.MEDIAN : null,
                numericWeights());
    }

    /** The learned neighbour count. */
    public int k() {
        return k;
    }

    /** Whether the neighbours' weighted median is taken instead of their weighted mean. */
    @Override
    public boolean medianForecast() {
        return median;
    }

    @Override
    public String name() {
        return "analog";
    }

    @Override
    public double[] predict(LaunchExample example) {
        return neighbours(example).curve.clone();
    }

    /** Searches each example of the block once and remembers the block for the questions that follow. */
    @Override
    public List<Explained> predictAll(List<LaunchExample> examples, boolean explain) {
        Map<LaunchExample, Neighbours> known = recent.get();
        Map<LaunchExample, Neighbours> block = new IdentityHashMap<>(examples.size());
        List<Explained> out = new ArrayList<>(examples.size());
        for (LaunchExample example : examples) {
            Neighbours n = known == null ? null : known.get(example);
            if (n == null) {
                n = neighbours(candidates(example, priceWeight > 0, numeric, false));
            }
            block.put(example, n);
            out.add(new Explained(n.curve.clone(), explain ? explanation(n) : Explanation.EMPTY));
        }
        recent.set(block);
        return out;
    }

    /**
     * Forecasts that work out every past launch's word similarity and price closeness, as learning does: the
     * forecasts of {@link #predict} skip what cannot matter and must equal these exactly.
     */
    List<double[]> predictExhaustively(List<LaunchExample> examples) {
        return examples.stream().map(e -> neighbours(candidates(e, priceWeight > 0, numeric, true)).curve).toList();
    }

    @Override
    public Explanation explain(LaunchExample example) {
        return explanation(neighbours(example));
    }

    /**
     * The nearest launches that share something with the product. Those of similarity 0 are left out: with nothing
     * in common they are merely the most recent launches, in the forecast only so that k is never empty-handed,
     * and naming them would pass them off as analogs.
     */
    private Explanation explanation(Neighbours n) {
        List<Explanation.Analog> analogs = new ArrayList<>();
        for (int i = 0; i < Math.min(EXPLAINED, n.ids.size()) && n.similarities.get(i) > 0; i++) {
            analogs.add(new Explanation.Analog(n.ids.get(i), n.weights.get(i), n.similarities.get(i),
                    shared(n.product(), n.nearest().get(i))));
        }
        return new Explanation(analogs, List.of());
    }

    /**
     * The k nearest's blended curve and, for the first few, who they are; what they share with {@code product}
     * is worked out only when a forecast is explained.
     */
    private record Neighbours(double[] curve, List<String> ids, List<Double> weights, List<Double> similarities,
            Product product, List<Product> nearest) {
    }

    /**
     * What a past launch shares with the product, among the attributes this model compares with weight: equal
     * values ({@code colour=red}) and common words of a text ({@code description: heart, mug}).
     */
    private List<String> shared(Product product, Product past) {
        List<String> shared = new ArrayList<>();
        if (priceWeight > 0 && product.price() != null && past.price() != null) {
            shared.add("price " + price(past.price()) + " vs " + price(product.price()));
        }
        for (int i = 0; i < numeric.size(); i++) {
            String theirs = past.attribute(numeric.get(i));
            String ours = product.attribute(numeric.get(i));
            if (numericWeights[i] > 0 && theirs != null && ours != null) {
                shared.add(numeric.get(i) + " " + theirs + " vs " + ours);
            }
        }
        for (int i = 0; i < attributes.size(); i++) {
            String name = attributes.get(i);
            String value = product.attribute(name);
            if (weights[i] == 0 || value == null || past.attribute(name) == null) {
                continue;
            }
            if (text.contains(name)) {
                List<String> common = new ArrayList<>(TextIndex.words(value));
                common.retainAll(TextIndex.words(past.attribute(name)));
                if (!common.isEmpty()) {
                    shared.add(name + ": " + String.join(", ", common));
                }
            } else if (value.equals(past.attribute(name))) {
                shared.add(name + "=" + value);
            }
        }
        return shared;
    }

    /** A price as a reader takes it in: cents, or three digits and an exponent where cents would run on. */
    static String price(double price) {
        return String.format(Locale.ROOT, Math.abs(price) < 1e7 ? "%.2f" : "%.3g", price);
    }

    /**
     * The past launches of one as-of snapshot and, per categorical attribute, those that share the product's
     * value (see {@link AttributeIndex#matching}), and per text attribute each past launch's word similarity to
     * the product (null without text attributes). None of it depends on the weights: learning computes it once
     * per tuning launch and ranks for many weights.
     */
    private record Candidates(Product product, List<PastLaunch> past, AttributeIndex index, long[][] matching,
            FilledCurves curves, double[][] wordSimilarity, LazyWords lazyWords, double[] priceCloseness,
            PriceCloseness lazyPrice, Map<String, NumberCloseness> numbers) {

        /** Whether the product's price is compared: it has one (closeness worked out now or when asked). */
        boolean priced() {
            return priceCloseness != null || lazyPrice != null;
        }
    }

    /**
     * The product's words per text attribute and the snapshot's word indexes, for a forecast to add word
     * similarities to the launches that share a word only ({@link TextIndex#addSimilarities}).
     */
    private record LazyWords(TextIndex[] indexes, List<List<String>> words) {
    }

    /**
     * Price closeness of one product to the past launches, worked out launch by launch when asked: a forecast
     * needs it only for the launches that can still be among the nearest (see {@link #nearestByScores}).
     *
     * @param logPrice the product's log price, NaN when it is not positive (then every closeness is 0)
     */
    private record PriceCloseness(Prices prices, double logPrice) {

        double at(int j) {
            return Double.isNaN(logPrice) ? 0 : prices.closeness(logPrice, j);
        }
    }

    /**
     * The past launches' log prices (NaN where unknown) and the bandwidth of price closeness: half the robust
     * spread of the known log prices (a floor keeps one-price assortments from dividing by zero).
     */
    private record Prices(double[] logPrice, double bandwidth) {

        static Prices of(LaunchHistory.Snapshot snapshot) {
            double median = snapshot.medianLogPrice();
            double[] logPrice = new double[snapshot.past().size()];
            double[] deviations = new double[logPrice.length];
            int n = 0;
            for (int j = 0; j < logPrice.length; j++) {
                logPrice[j] = snapshot.logPrice(j);
                if (!Double.isNaN(logPrice[j])) {
                    deviations[n++] = Math.abs(logPrice[j] - median);
                }
            }
            double bandwidth = 0.05;
            if (n > 0) {
                double mad = Quantiles.ofUnsorted(Arrays.copyOf(deviations, n), 0.5)[0];
                bandwidth = Math.max(bandwidth, 0.5 * 1.4826 * mad);
            }
            return new Prices(logPrice, bandwidth);
        }

        /** Each past launch's price closeness to {@code price}: 0 where either price is unknown. */
        double[] closeness(Double price) {
            double[] out = new double[logPrice.length];
            if (price == null || price <= 0) {
                return out;
            }
            double x = Math.log(price);
            for (int j = 0; j < out.length; j++) {
                out[j] = closeness(x, j);
            }
            return out;
        }

        /** Past launch {@code j}'s price closeness to the log price {@code x}: 0 where its price is unknown. */
        double closeness(double x, int j) {
            return Double.isNaN(logPrice[j]) ? 0 : Math.exp(-Math.abs(x - logPrice[j]) / bandwidth);
        }
    }

    /**
     * A numeric attribute of the past launches (NaN where unknown), on a log scale when every known value is
     * positive (a count, a size: ratios matter, as with prices), else as it is, and the bandwidth of its closeness:
     * half the robust spread of the known values, with a floor for attributes of one value.
     */
    private record Values(double[] value, boolean logScale, double bandwidth) {

        static Values of(List<PastLaunch> past, String attribute) {
            double[] raw = new double[past.size()];
            boolean positive = true;
            int n = 0;
            for (int j = 0; j < raw.length; j++) {
                Double v = LaunchFeatureComputer.numericValue(past.get(j).curve().product().attribute(attribute));
                raw[j] = v == null ? Double.NaN : v;
                if (v != null) {
                    n++;
                    positive &= v > 0;
                }
            }
            boolean log = n > 0 && positive;
            double[] known = new double[n];
            int i = 0;
            for (int j = 0; j < raw.length; j++) {
                if (!Double.isNaN(raw[j])) {
                    raw[j] = log ? Math.log(raw[j]) : raw[j];
                    known[i++] = raw[j];
                }
            }
            double bandwidth = 0.05;
            if (n > 0) {
                double median = Quantiles.ofUnsorted(known.clone(), 0.5)[0];
                double[] deviations = Arrays.stream(known).map(v -> Math.abs(v - median)).toArray();
                double mad = Quantiles.ofUnsorted(deviations, 0.5)[0];
                bandwidth = Math.max(log ? 0.05 : 0.05 * Math.max(1e-9, Math.abs(median)), 0.5 * 1.4826 * mad);
            }
            return new Values(raw, log, bandwidth);
        }

        /** A product's value on this scale: NaN when it has none, or none the scale can take (0 on a log scale). */
        double scaled(Double v) {
            if (v == null) {
                return Double.NaN;
            }
            return !logScale ? v : v > 0 ? Math.log(v) : Double.NaN;
        }

        double[] closeness(double x) {
            double[] out = new double[value.length];
            for (int j = 0; j < out.length; j++) {
                out[j] = closeness(x, j);
            }
            return out;
        }

        /** Past launch {@code j}'s closeness to {@code x} (on this scale): 0 where its value is unknown. */
        double closeness(double x, int j) {
            return Double.isNaN(value[j]) ? 0 : Math.exp(-Math.abs(x - value[j]) / bandwidth);
        }
    }

    /**
     * A product's closeness to the past launches on one numeric attribute it has a value of: worked out for every
     * launch ({@code eager}, learning) or launch by launch where it can matter (a forecast).
     */
    private record NumberCloseness(Values values, double x, double[] eager) {

        double at(int j) {
            return eager != null ? eager[j] : values.closeness(x, j);
        }
    }

    /**
     * @param withPrices whether to compare prices
     * @param numbers     the numeric attributes compared by closeness
     * @param eager       whether every past launch's word similarity and price closeness are worked out now:
     *                    learning does, once, and ranks with them for many weights; a forecast ({@code false})
     *                    adds word similarities to the launches sharing a word only and closeness only where it
     *                    can matter
     */
    private Candidates candidates(LaunchExample example, boolean withPrices, List<String> numbers, boolean eager) {
        LaunchHistory.Snapshot snapshot = history.asOf(example.features().asOf());
        AttributeIndex index = snapshot.attributeIndex();
        double[][] words = null;
        LazyWords lazyWords = null;
        if (!text.isEmpty()) {
            List<PastLaunch> past = snapshot.past();
            TextIndex[] indexes = textIndexes.get(past,
                    p -> text.stream().map(t -> TextIndex.of(p, t)).toArray(TextIndex[]::new));
            List<List<String>> productWords = text.stream()
                    .map(t -> TextIndex.words(example.product().attribute(t))).toList();
            if (eager) {
                words = new double[text.size()][];
                for (int t = 0; t < text.size(); t++) {
                    words[t] = indexes[t].similarities(productWords.get(t));
                }
            } else {
                lazyWords = new LazyWords(indexes, productWords);
            }
        }
        double[] closeness = null;
        PriceCloseness lazy = null;
        Double price = example.product().price();
        if (withPrices && price != null) {
            Prices known = prices.get(snapshot.past(), p -> Prices.of(snapshot));
            if (eager) {
                closeness = known.closeness(price);
            } else {
                lazy = new PriceCloseness(known, price > 0 ? Math.log(price) : Double.NaN);
            }
        }
        Map<String, NumberCloseness> byNumber = new LinkedHashMap<>();
        if (!numbers.isEmpty()) {
            List<PastLaunch> past = snapshot.past();
            Values[] values = numericValues.get(past, p -> history.definitions().numericAttributes().stream()
                    .map(a -> Values.of(p, a)).toArray(Values[]::new));
            for (String number : numbers) {
                Values known = values[history.definitions().numericAttributes().indexOf(number)];
                double x = known.scaled(LaunchFeatureComputer.numericValue(example.product().attribute(number)));
                if (!Double.isNaN(x)) {
                    byNumber.put(number, new NumberCloseness(known, x, eager ? known.closeness(x) : null));
                }
            }
        }
        return new Candidates(example.product(), snapshot.past(), index,
                index.matching(example.product(), categorical), snapshot.filledCurves(), words, lazyWords, closeness,
                lazy, byNumber);
    }

    private Neighbours neighbours(LaunchExample example) {
        Map<LaunchExample, Neighbours> known = recent.get();
        Neighbours found = known == null ? null : known.get(example);
        if (found == null) {
            found = neighbours(candidates(example, priceWeight > 0, numeric, false));
            Map<LaunchExample, Neighbours> one = new IdentityHashMap<>(2);
            one.put(example, found);
            recent.set(one);
        }
        return found;
    }

    private Neighbours neighbours(Candidates candidates) {
        int limit = Math.max(0, Math.min(k, candidates.index().size()));
        int[] nearest = new int[limit];
        double[] nearestSimilarity = new double[limit];
        // a product without a price is compared on what it has: its similarity is a share of the other weights
        boolean pricesCompared = priceWeight > 0 && candidates.priced();
        double compared = pricesCompared ? totalWeight : totalWeight - priceWeight;
        boolean numbersCompared = false;
        for (int s = 0; s < numeric.size(); s++) {
            if (candidates.numbers().containsKey(numeric.get(s))) {
                numbersCompared |= numericWeights[s] > 0;
            } else {
                compared -= numericWeights[s]; // nor a number it does not have
            }
        }
        int taken = textWeight > 0 || pricesCompared || numbersCompared || masksBySimilarity == null
                ? nearestByScores(candidates, nearest, nearestSimilarity, compared)
                : nearestByMasks(candidates, nearest, nearestSimilarity, compared);
        FilledCurves curves = candidates.curves();
        int width = curves.width();
        if (taken > 0 && horizon > width) { // rows are as long as the history's horizon
            throw new IllegalStateException("horizon " + horizon + " beyond the history's " + width);
        }
        double[] curve = new double[horizon];
        List<String> ids = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        List<Double> sims = new ArrayList<>();
        List<Product> nearestProducts = new ArrayList<>();
        double wSum = 0;
        for (int i = 0; i < taken; i++) {
            double sim = nearestSimilarity[i];
            double w = neighbourWeight(sim);
            for (int h = 0; h < horizon; h++) {
                curve[h] += w * curves.value(nearest[i], h);
            }
            wSum += w;
            if (ids.size() < 20) {
                ids.add(candidates.past().get(nearest[i]).curve().product().id());
                ws.add(w);
                sims.add(sim);
                nearestProducts.add(candidates.past().get(nearest[i]).curve().product());
            }
        }
        if (wSum > 0) {
            for (int h = 0; h < horizon; h++) {
                curve[h] /= wSum;
            }
            if (median) {
                weightedMedians(curves, nearest, nearestSimilarity, taken, wSum, curve);
            }
            for (int j = 0; j < ws.size(); j++) {
                ws.set(j, ws.get(j) / wSum);
            }
        }
        return new Neighbours(curve, ids, ws, sims, candidates.product(), nearestProducts);
    }

    /** A neighbour's weight: dissimilar neighbours still count a little, so k is never empty-handed. */
    private static double neighbourWeight(double similarity) {
        return similarity + 0.05;
    }

    /**
     * Replaces {@code curve} by the weighted median of the first {@code taken} neighbours' values, period by
     * period: the lowest value whose neighbours up to it (in ascending value) hold half the weight
     * ({@code total}, the sum of their weights).
     */
    private void weightedMedians(FilledCurves curves, int[] nearest, double[] similarity, int taken, double total,
                                 double[] curve) {
        double[] values = new double[taken];
        double[] neighbourWeights = new double[taken];
        for (int i = 0; i < taken; i++) {
            neighbourWeights[i] = neighbourWeight(similarity[i]);
        }
        double[] weights = new double[taken]; // reordered with the values by each period's selection
        for (int h = 0; h < horizon; h++) {
            for (int i = 0; i < taken; i++) {
                values[i] = curves.value(nearest[i], h);
            }
            System.arraycopy(neighbourWeights, 0, weights, 0, taken);
            // half the weight on each side is a tie: the lower value, whatever the rounding of the sums
            curve[h] = weightedSelect(values, weights, taken, total / 2 * (1 - 1e-9));
        }
    }

    /**
     * The lowest of the first {@code n} {@code values} whose weight together with that of all lower values
     * reaches {@code share}, found by quickselect on the two arrays (reordered in place): this runs per forecast
     * and period, a sort of the neighbours took more than half of a served forecast's time
     * ({@code forecast-service/bench.sh profile}), and selection, unlike a sort, is linear on average.
     */
    static double weightedSelect(double[] values, double[] weights, int n, double share) {
        int low = 0;
        int high = n; // the answer is among [low, high), and share counts from low
        while (high - low > 1) {
            double pivot = values[(low + high) >>> 1];
            // three-way partition: [low, less) below the pivot, [less, more) equal, [more, high) above
            int less = low;
            int more = high;
            int i = low;
            double lessWeight = 0;
            double equalWeight = 0;
            while (i < more) {
                if (values[i] < pivot) {
                    lessWeight += weights[i];
                    swap(values, weights, i++, less++);
                } else if (values[i] > pivot) {
                    swap(values, weights, i, --more);
                } else {
                    equalWeight += weights[i++];
                }
            }
            if (lessWeight >= share && less > low) {
                high = less;
            } else if (lessWeight + equalWeight >= share || more == high) {
                return pivot;
            } else {
                share -= lessWeight + equalWeight;
                low = more;
            }
        }
        return n == 0 ? 0 : values[low];
    }

    private static void swap(double[] values, double[] weights, int a, int b) {
        double v = values[a];
        values[a] = values[b];
        values[b] = v;
        double w = weights[a];
        weights[a] = weights[b];
        weights[b] = w;
    }

    /** Most similar mask group first, within a group the most recent first: the k nearest by equal attributes. */
    private int nearestByMasks(Candidates candidates, int[] nearest, double[] similarity, double compared) {
        int[] masks = new int[nearest.length];
        int taken = 0;
        for (int mi = 0; mi < masksBySimilarity.length && taken < nearest.length; mi++) {
            int mask = masksBySimilarity[mi];
            int end = candidates.index().collectGroup(candidates.matching(), mask, nearest, taken, nearest.length);
            Arrays.fill(masks, taken, end, mask);
            taken = end;
        }
        for (int i = 0; i < taken; i++) {
            similarity[i] = compared == 0 ? 0 : similarities[masks[i]] * totalWeight / compared;
        }
        return taken;
    }

    /**
     * The {@code k}-th largest of {@code values} (negative infinity when there are fewer), by a bounded heap of k
     * that rejects most values with one comparison. Not the features library's quickselect
     * ({@code Quantiles.select}) on a copy: on the ties of analog scores it made a priced forecast of 100,000
     * launches take 3.4 ms instead of 1.6 (ADR 0164).
     */
    static double kthLargest(double[] values, int k) {
        if (k <= 0 || values.length < k) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] heap = new double[k]; // the k largest so far, the smallest at the root
        int size = 0;
        for (double v : values) {
            if (size < k) {
                int at = size++;
                heap[at] = v;
                while (at > 0 && heap[(at - 1) / 2] > heap[at]) {
                    double t = heap[at];
                    heap[at] = heap[(at - 1) / 2];
                    heap[(at - 1) / 2] = t;
                    at = (at - 1) / 2;
                }
            } else if (v > heap[0]) {
                heap[0] = v;
                for (int at = 0;;) {
                    int child = 2 * at + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= heap[at]) {
                        break;
                    }
                    double t = heap[at];
                    heap[at] = heap[child];
                    heap[child] = t;
                    at = child;
                }
            }
        }
        return heap[0];
    }

    /**
     * The k most similar past launches when words or price count: every launch is scored (equal attributes plus
     * word similarity plus price closeness, weighted), ties going to the more recent one.
     */
    private int nearestByScores(Candidates candidates, int[] nearest, double[] similarity, double compared) {
        int n = candidates.past().size();
        double[] score = new double[n];
        for (int c = 0; c < categorical.size(); c++) {
            long[] bits = candidates.matching()[c];
            double w = weights[categoricalAt[c]];
            if (bits != null && w != 0) {
                for (int j = 0; j < n; j++) {
                    if ((bits[j >>> 6] >>> (j & 63) & 1L) != 0) {
                        score[j] += w;
                    }
                }
            }
        }
        for (int t = 0; t < text.size(); t++) {
            double w = weights[textAt[t]];
            if (w == 0) {
                continue;
            }
            if (candidates.lazyWords() != null) {
                candidates.lazyWords().indexes()[t].addSimilarities(candidates.lazyWords().words().get(t), w, score);
                continue;
            }
            double[] words = candidates.wordSimilarity()[t];
            for (int j = 0; j < n; j++) {
                score[j] += w * words[j];
            }
        }
        double[] closeness = candidates.priceCloseness();
        for (int j = 0; j < n && priceWeight != 0 && closeness != null; j++) {
            score[j] += priceWeight * closeness[j];
        }
        List<NumberCloseness> lazyNumbers = new ArrayList<>();
        double[] lazyNumberWeights = new double[numeric.size()];
        double lazyBound = 0;
        for (int s = 0; s < numeric.size(); s++) {
            NumberCloseness number = candidates.numbers().get(numeric.get(s));
            double w = numericWeights[s];
            if (number == null || w == 0) {
                continue;
            }
            if (number.eager() != null) {
                for (int j = 0; j < n; j++) {
                    score[j] += w * number.eager()[j];
                }
            } else {
                lazyNumberWeights[lazyNumbers.size()] = w;
                lazyNumbers.add(number);
                lazyBound += w;
            }
        }
        PriceCloseness lazy = candidates.lazyPrice();
        boolean lazyPriced = priceWeight != 0 && lazy != null && !Double.isNaN(lazy.logPrice());
        if (lazyPriced) {
            lazyBound += priceWeight;
        }
        if (lazyBound > 0) {
            // closeness is at most 1, so a launch whose other scores plus the whole weight of price and numbers stay
            // below the k-th best of those other scores cannot be among the k nearest, whatever its price (nor tie
            // with them): its exps are skipped and its score left below the cut. Every other launch gets exactly the
            // score it would get from the whole arrays, so the nearest are the same.
            double cut = kthLargest(score, nearest.length);
            for (int j = 0; j < n; j++) {
                if (score[j] + lazyBound >= cut) {
                    if (lazyPriced) {
                        score[j] += priceWeight * lazy.at(j);
                    }
                    for (int s = 0; s < lazyNumbers.size(); s++) {
                        score[j] += lazyNumberWeights[s] * lazyNumbers.get(s).at(j);
                    }
                }
            }
        }
        // the k best kept in order while scanning (this runs per forecast): launches come most recent first, so
        // one that only ties with the k-th is never nearer, and no sort of the whole history is needed
        int taken = 0;
        for (int j = 0; j < n && nearest.length > 0; j++) {
            if (taken == nearest.length && score[j] <= score[nearest[taken - 1]]) {
                continue;
            }
            int at = Math.min(taken, nearest.length - 1);
            while (at > 0 && score[nearest[at - 1]] < score[j]) {
                at--;
            }
            int end = Math.min(taken, nearest.length - 1);
            System.arraycopy(nearest, at, nearest, at + 1, end - at);
            nearest[at] = j;
            taken = Math.min(taken + 1, nearest.length);
        }
        for (int i = 0; i < taken; i++) {
            similarity[i] = compared == 0 ? 0 : score[nearest[i]] / compared;
        }
        return taken;
    }
}
