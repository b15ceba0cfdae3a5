package io.launchcast.features.dataset;

import java.util.List;

/**
 * What a curated dataset version says about itself: its name and version, the sales period and its anchor,
 * the declared product attributes, and the SHA-256 of the manifest bytes (the lineage key models record).
 *
 * @param attributes every declared attribute, in declaration order
 * @param textAttributes those declared as free text ({@code TEXT}: names, descriptions), a subset of
 *        {@code attributes}: their words are features, not their values as categories
 * @param numericAttributes those declared {@code INTEGER} or {@code DOUBLE} (a size, a weight, a pack count),
 *        a subset of {@code attributes}: their values are numeric features, not categories
 * @param footprintAttribute the numeric attribute that counts the regions a product is sold in (the ingestion's
 *        launch attribute {@code distinct: region}), or null: a forecast request naming its regions gives it
 */
public record DatasetManifest(String dataset, String version, Period period, PeriodAnchor periodAnchor,
                              List<String> attributes, List<String> textAttributes, List<String> numericAttributes,
                              String sha256, String footprintAttribute) {

    public DatasetManifest {
        attributes = List.copyOf(attributes);
        textAttributes = List.copyOf(textAttributes);
        numericAttributes = List.copyOf(numericAttributes);
    }

    /** A manifest without a footprint attribute. */
    public DatasetManifest(String dataset, String version, Period period, PeriodAnchor periodAnchor,
                           List<String> attributes, List<String> textAttributes, List<String> numericAttributes,
                           String sha256) {
        this(dataset, version, period, periodAnchor, attributes, textAttributes, numericAttributes, sha256, null);
    }

    /** A manifest without numeric attributes. */
    public DatasetManifest(String dataset, String version, Period period, PeriodAnchor periodAnchor,
                           List<String> attributes, List<String> textAttributes, String sha256) {
        this(dataset, version, period, periodAnchor, attributes, textAttributes, List.of(), sha256);
    }

    /** A manifest without free-text attributes. */
    public DatasetManifest(String dataset, String version, Period period, PeriodAnchor periodAnchor,
                           List<String> attributes, String sha256) {
        this(dataset, version, period, periodAnchor, attributes, List.of(), sha256);
    }

    /**
     * Why {@code names}, given as {@code key} in a configuration, are not all attributes of this dataset (the first
     * one that is not, and what the mapping declares); empty when they are. A misspelt attribute would give every
     * launch the same missing value without a word, so configurations are checked against it.
     */
    public java.util.Optional<String> undeclaredAttribute(String key, List<String> names) {
        return names.stream().filter(a -> !attributes.contains(a)).findFirst().map(a -> key + ": " + a
                + " is not an attribute of dataset " + dataset + " (its mapping declares " + attributes + ")");
    }

    /**
     * Why {@code names}, given as {@code key} where a configuration lists categories (cohorts, analogs' equal
     * values, one-hot features), are not all categorical attributes of this dataset: undeclared, free text or a
     * number (the first such, what it is, and the categorical ones); empty when they are. Free text listed there
     * would be a category of whole descriptions (every new product's value unseen, its cohort of one, its monitor
     * baseline all new), and its words are read anyway; a number is its own feature {@code num.<name>}.
     */
    public java.util.Optional<String> nonCategoricalAttribute(String key, List<String> names) {
        return undeclaredAttribute(key, names).or(() -> names.stream()
                .filter(a -> textAttributes.contains(a) || numericAttributes.contains(a)).findFirst()
                .map(a -> key + ": " + a + " is a " + (textAttributes.contains(a)
                        ? "free-text attribute of dataset " + dataset + ": the analogs and the features read its words "
                                + "without it being listed"
                        : "numeric attribute of dataset " + dataset + ": it is the feature num." + a
                                + " without being listed")
                        + "; list categorical attributes only (its mapping's: " + categoricalAttributes() + ")"));
    }

    /** The declared attributes that are categories (neither free text nor numbers), in declaration order. */
    public List<String> categoricalAttributes() {
        return attributes.stream().filter(a -> !textAttributes.contains(a) && !numericAttributes.contains(a)).toList();
    }
}
