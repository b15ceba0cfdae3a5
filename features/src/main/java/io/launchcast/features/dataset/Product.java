package io.launchcast.features.dataset;

import java.time.LocalDate;
import java.util.Map;

/**
 * One product of the canonical {@code products} table. {@code attributes} are keyed by the attribute name
 * without the {@code attr_} prefix; {@code price}, {@code region} and {@code split} may be null.
 */
public record Product(String id, LocalDate launchDate, String region, Double price, String split,
                      Map<String, String> attributes) {

    public Product {
        attributes = Map.copyOf(attributes);
    }

    /** The value of one attribute, or null when the product has none. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
