package io.launchcast.ingestion.mapping;

import io.launchcast.platform.schema.ColumnType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One source system's mapping to the canonical tables, as declared in a YAML file and checked by
 * {@link MappingReader}. Reference: {@code docs/mapping.md}.
 *
 * @param name the mapping's name; landing objects under {@code landing/<name>/} are ingested with it
 * @param version the mapping's version, recorded in every manifest it produced
 * @param dataset the curated dataset the mapping publishes to
 * @param period the period sales and signals are aggregated to
 * @param defaultRegion region of rows whose source has none
 * @param rejectedShareThreshold a run whose rejected share exceeds it fails without publishing
 * @param validDates dates outside this range are rejected as implausible
 * @param attributes product attributes, in column order, with their declared types
 * @param sources the inputs, processed in order (lookups first, product sources before the sales that refer to them)
 * @param launch where launch dates come from, and which launches are left-censored
 * @param clipNegativePeriods net units of a product, region and period below zero are published as zero
 * @param completeUntil the last day the sources are complete for (an export that ends in the middle of a
 *        period): sales of periods ending after it are not published; launches still see every row. Null: all
 * @param launchAttributes product values aggregated from each product's sales around its launch
 * @param sha256 hash of the YAML text, so that a manifest names exactly the mapping it came from
 */
public record Mapping(String name, int version, String dataset, Period period, String defaultRegion,
        double rejectedShareThreshold, DateRange validDates, Map<String, Attribute> attributes,
        List<SourceSpec> sources, Launch launch, boolean clipNegativePeriods, LocalDate completeUntil,
        LaunchAttributes launchAttributes, String sha256) {

    /** Names of mappings, datasets, sources and rules. */
    static final String NAME = "[a-z0-9][a-z0-9_-]{0,62}";
    static final String NAME_RULE = "lower-case letters, digits, '-' and '_' only";

    /**
     * A declared product attribute; stored as column {@code attr_<name>}.
     *
     * @param text free text (a name, a description): stored as a string, declared {@code TEXT} in the manifest
     *        so that feature definitions tokenise it instead of treating it as a category
     */
    public record Attribute(String name, ColumnType type, boolean required, boolean text) {

        /** The type the manifest declares: the column type, or {@code TEXT}. */
        public String declaredType() {
            return text ? "TEXT" : type.name();
        }
    }

    /** Inclusive range of plausible dates. */
    public record DateRange(LocalDate from, LocalDate to) {

        public static final DateRange ANY = new DateRange(LocalDate.of(1900, 1, 1), LocalDate.of(2199, 12, 31));

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /**
     * Where launch dates come from.
     *
     * @param fromFirstSale the launch is the period of the product's first sale (first sales row with positive
     *        units), not a column
     * @param censoring which first sales are too close to the data's start to be launches, or null
     */
    public record Launch(boolean fromFirstSale, LeftCensoring censoring) {

        public static final Launch FROM_COLUMN = new Launch(false, null);
    }

    /**
     * Products first sold before {@code before}, or within {@code withinDays} days of the first day of the data,
     * may be older than the data: they are kept (their sales are history) but marked left-censored.
     */
    public record LeftCensoring(LocalDate before, Integer withinDays) {

        /** The first day a first sale counts as a launch, given the first day of the data. */
        public LocalDate firstLaunchDay(LocalDate dataStart) {
            return before != null ? before : dataStart.plusDays(withinDays);
        }
    }

    /**
     * Values aggregated over each product's sales rows with positive units in the periods {@code from .. to}
     * relative to its launch period (0 is the launch period).
     *
     * @param price the canonical launch price, or null
     * @param attributes declared attributes taken from the sales, by name
     */
    public record LaunchAttributes(int from, int to, Aggregate price, Map<String, Aggregate> attributes) {

        public static final LaunchAttributes NONE = new LaunchAttributes(0, 0, null, Map.of());

        public boolean isEmpty() {
            return price == null && attributes.isEmpty();
        }

        /** Whether the attribute counts the regions a product is sold in ({@code distinct: region}). */
        public boolean footprint(String attribute) {
            return attributes.containsKey(attribute) && attributes.get(attribute).ofRegions();
        }

        /** Whether an aggregate reads the sales rows as they were (all but the regions counted from the periods). */
        public boolean needsTransactions() {
            return price != null || attributes.values().stream().anyMatch(a -> !a.ofRegions());
        }
    }

    /** Periods relative to the launch period, both ends included (0 is the launch period). */
    public record Periods(int from, int to) {
    }

    /**
     * An aggregate of one named sales value ({@code values} of a sales source), or with {@code distinct} of
     * {@value #REGION}: the regions of the product's sales periods; over its own {@code window} of periods, or, when
     * null, that of the launch attributes (a price from the launch week, a footprint over the horizon).
     */
    public record Aggregate(Function function, String value, Periods window) {

        public Aggregate(Function function, String value) {
            this(function, value, null);
        }

        /** The value {@code distinct} counts the regions of, as every sales row has one. */
        public static final String REGION = "region";

        /** Whether this counts the regions a product's sales periods are in (its footprint). */
        public boolean ofRegions() {
            return function == Function.DISTINCT && REGION.equals(value);
        }
    }

    /**
     * How the values of a window are summarised. {@code PER_UNIT} divides the values' sum by the units of the rows
     * that carry one: an export that writes each line's amount (net sales, revenue) rather than its unit price
     * gives the unit price the units were sold at, weighted by the units. {@code DISTINCT} counts the different
     * values (of {@value Aggregate#REGION}: the stores a product is sold in, its footprint).
     */
    public enum Function {
        MEDIAN, MEAN, MIN, MAX, PER_UNIT, DISTINCT, MOST_FREQUENT, FIRST;

        public boolean numeric() {
            return this != MOST_FREQUENT && this != FIRST && this != DISTINCT;
        }
    }

    /** Whether any source declares products; only then are sales checked against known products. */
    public boolean declaresProducts() {
        return sources.stream().anyMatch(s -> s.products() != null);
    }

    /**
     * Whether products are made from the sales: launches come from first sales and no source declares products.
     */
    public boolean productsFromSales() {
        return launch.fromFirstSale() && !declaresProducts();
    }

    /**
     * Whether the run keeps each sales row (date, units, named values) besides the period totals: launches from
     * first sales and launch attributes need them.
     */
    public boolean keepsTransactions() {
        return launch.fromFirstSale() || launchAttributes.needsTransactions();
    }

    /** The names of the values long sales sources keep ({@code sales.values}), in staging order. */
    public List<String> salesValues() {
        return sources.stream().filter(s -> s.sales() != null).flatMap(s -> s.sales().values().keySet().stream())
                .distinct().sorted().toList();
    }

    /**
     * The kept sales values a launch attribute reads as a number: the price, one summarised by a numeric function,
     * one that becomes an integer or double attribute.
     */
    public java.util.Set<String> numericSalesValues() {
        java.util.Set<String> numeric = new java.util.HashSet<>();
        if (launchAttributes.price() != null) {
            numeric.add(launchAttributes.price().value());
        }
        launchAttributes.attributes().forEach((name, aggregate) -> {
            var type = attributes.get(name).type();
            if (aggregate.function().numeric() || type == ColumnType.INTEGER
                    || type == ColumnType.DOUBLE) {
                numeric.add(aggregate.value());
            }
        });
        return numeric;
    }

    /** The columns of lookup source {@code lookup} that fields read, its key's first. */
    public List<String> lookupColumns(String lookup) {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        columns.addAll(source(lookup).lookup().key());
        sources.stream().flatMap(SourceSpec::fields)
                .filter(f -> f.lookup() != null && lookup.equals(f.lookup().source()))
                .forEach(f -> columns.add(f.lookup().column()));
        return List.copyOf(columns);
    }

    /**
     * How period starts are anchored: on each product's launch date (wide sales, a column per period since
     * launch) or on the calendar (long sales, wide sales stepping through dates).
     */
    public String periodAnchor() {
        boolean wide = sources.stream().anyMatch(s -> s.sales() != null && s.sales().wide() != null
                && !s.sales().wide().dated());
        return wide ? "launch_date" : "calendar";
    }

    public SourceSpec source(String sourceName) {
        return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source " + sourceName));
    }
}
