package io.launchcast.ingestion.mapping;

import io.launchcast.platform.schema.ColumnType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One source's mapping to the canonical tables, as declared in a YAML file.
 *
 * @param name the mapping's name; landing objects under {@code landing/<name>/} are ingested with it
 * @param version the mapping's version, recorded in every manifest it produced
 * @param dataset the curated dataset the mapping publishes to
 * @param period the period sales and signals are aggregated to
 * @param defaultRegion region of rows whose source has none
 * @param rejectedShareThreshold a run whose rejected share exceeds it fails without publishing
 * @param validDates dates outside this range are rejected as implausible
 * @param attributes product attributes, in column order, with their declared types
 * @param sources the inputs, processed in order (product sources before the sales that refer to them)
 * @param sha256 hash of the YAML text, so that a manifest names exactly the mapping it came from
 */
public record Mapping(String name, int version, String dataset, Period period, String defaultRegion,
        double rejectedShareThreshold, DateRange validDates, Map<String, Attribute> attributes,
        List<SourceSpec> sources, String sha256) {

    /** A declared product attribute; stored as column {@code attr_<name>}. */
    public record Attribute(String name, ColumnType type, boolean required) {
    }

    /** Inclusive range of plausible dates. */
    public record DateRange(LocalDate from, LocalDate to) {

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** Whether any source declares products; only then are sales checked against known products. */
    public boolean declaresProducts() {
        return sources.stream().anyMatch(s -> s.products() != null);
    }

    /** How period starts are anchored: on each product's launch date (wide sales) or on the calendar. */
    public String periodAnchor() {
        boolean wide = sources.stream().anyMatch(s -> s.sales() != null && s.sales().wide() != null);
        return wide ? "launch_date" : "calendar";
    }

    public SourceSpec source(String sourceName) {
        return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source " + sourceName));
    }
}
