package io.launchcast.platform.schema;

import java.util.List;

/** The canonical tables of schema version {@value #VERSION}. */
public final class CanonicalSchemas {

    /** Bumped on any incompatible change; manifests record it so readers can refuse what they cannot read. */
    public static final String VERSION = "1";

    /** Prefix of product attribute columns, e.g. {@code attr_category}; their types come from the mapping. */
    public static final String ATTRIBUTE_PREFIX = "attr_";

    public static final CanonicalTable PRODUCTS = new CanonicalTable("products", List.of(
            new Column("product_id", ColumnType.STRING, true, "the customer's product id"),
            new Column("launch_date", ColumnType.DATE, true, "first day on sale"),
            new Column("region", ColumnType.STRING, false, "where it launched; empty for all regions"),
            new Column("price", ColumnType.DOUBLE, false, "launch price in the customer's currency"),
            new Column("split", ColumnType.STRING, false,
                    "role given by the mapping when the source fixes a split, e.g. 'train' or 'test'")));

    public static final CanonicalTable SALES = new CanonicalTable("sales", List.of(
            new Column("product_id", ColumnType.STRING, true, "product sold"),
            new Column("region", ColumnType.STRING, true, "where; 'all' when the source has no regions"),
            new Column("period_start", ColumnType.DATE, true, "first day of the period (day, ISO week or month)"),
            new Column("units", ColumnType.INTEGER, true, "units sold in the period, net of declared returns")));

    public static final CanonicalTable SIGNALS = new CanonicalTable("signals", List.of(
            new Column("signal", ColumnType.STRING, true, "signal family, e.g. 'trend'"),
            new Column("term", ColumnType.STRING, true, "what it measures, e.g. an attribute value"),
            new Column("period_start", ColumnType.DATE, true, "first day of the period"),
            new Column("value", ColumnType.DOUBLE, false, "the measurement; empty when missing at the source")));

    private CanonicalSchemas() {
    }
}
