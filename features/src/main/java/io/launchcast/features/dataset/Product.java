package io.launchcast.features.dataset;

import java.time.LocalDate;
import java.util.Map;

/**
 * One product of the canonical {@code products} table. {@code attributes} are keyed by the attribute name
 * without the {@code attr_} prefix; {@code price}, {@code region} and {@code split} may be null.
 */
public record Product(String id, LocalDate launchDate, String region, Double price, String split,
                      Map<String, String> attributes) {

    /**
     * The {@code split} of a product whose first sale lies so close to the start of the data that it may be older
     * than the data (the ingestion mapping's {@code launch.left-censoring}): its sales are history, but it is no
     * launch, so it is never learned from, evaluated on, or used as an analog.
     */
    public static final String LEFT_CENSORED = "left-censored";

    public Product {
        attributes = Map.copyOf(attributes);
    }

    /** Whether the product may be older than the data (see {@link #LEFT_CENSORED}). */
    public boolean leftCensored() {
        return LEFT_CENSORED.equals(split);
    }

    /** The value of one attribute, or null when the product has none. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
