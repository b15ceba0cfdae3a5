package io.launchcast.ingestion.mapping;

import java.util.List;
import java.util.Map;

/**
 * One input of a mapping: files matched by name (from the landing prefix or a request) or a JDBC table or
 * query, its format, and what each row yields.
 *
 * @param files file-name globs; each may fix the {@code split} of the products it yields
 * @param jdbc a database source instead of files
 * @param key source columns identifying a row; a second row with the same key is a duplicate (dropped if
 *        identical, rejected if different). Products are always keyed by product id.
 * @param required a run cannot start without this source
 */
public record SourceSpec(String name, List<FileSpec> files, JdbcSpec jdbc, FormatSpec format, List<String> key,
        boolean required, ProductsSpec products, SalesSpec sales, SignalsSpec signals) {

    /** A file-name glob and the split it gives its products. */
    public record FileSpec(String match, String split) {

        public boolean matches(String fileName) {
            return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + match)
                    .matches(java.nio.file.Path.of(fileName));
        }
    }

    /** A table or a query on a configured connection ({@code launchcast.ingestion.connections.<name>}). */
    public record JdbcSpec(String connection, String table, String query) {

        public String sql() {
            return query != null ? query : "SELECT * FROM " + table;
        }
    }

    /** CSV or JSON Lines, with CSV's dialect. {@code compression: auto} detects gzip by its magic bytes. */
    public record FormatSpec(String type, String delimiter, String quote, String encoding, boolean multiline,
            String compression) {

        public static FormatSpec csv() {
            return new FormatSpec("csv", ",", "\"", "UTF-8", false, "auto");
        }

        public boolean isJsonLines() {
            return type.equals("jsonl");
        }
    }

    /**
     * How a row yields a product.
     *
     * @param attributes attribute name to the field holding it
     */
    public record ProductsSpec(FieldSpec productId, FieldSpec launchDate, FieldSpec region, FieldSpec price,
            Map<String, FieldSpec> attributes) {
    }

    /**
     * How a row yields sales: either long (a date and a units field, aggregated to the period) or wide (one
     * column per period since the anchor date).
     *
     * @param returns negative units are returns and allowed; otherwise they are rejected
     */
    public record SalesSpec(FieldSpec productId, FieldSpec region, FieldSpec date, FieldSpec units, WideSpec wide,
            double scale, String rounding, boolean returns) {
    }

    /** How a row yields signals: long (signal, term, date, value) or wide (one column per term). */
    public record SignalsSpec(FieldSpec signal, FieldSpec term, FieldSpec date, FieldSpec value, WideSpec wide) {
    }

    /**
     * Columns that hold one value each: per period since the anchor (sales) or per term (signals).
     *
     * @param columns the columns, in period order; empty with {@code allOtherColumns}
     * @param allOtherColumns every column the mapping does not use otherwise (e.g. one per search term)
     * @param anchor the date of the first column (sales: the launch date)
     * @param missing raw values that mean "no value" (kept as empty values, not rejected)
     */
    public record WideSpec(List<String> columns, boolean allOtherColumns, FieldSpec anchor, List<String> missing) {
    }

    /**
     * Where a canonical value comes from: a source column, or a constant.
     *
     * @param format date pattern ({@link java.time.format.DateTimeFormatter}); ISO dates when absent
     */
    public record FieldSpec(String column, String constant, String format) {

        public static FieldSpec column(String column) {
            return new FieldSpec(column, null, null);
        }
    }
}
