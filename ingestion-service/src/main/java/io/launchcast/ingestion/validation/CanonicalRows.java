package io.launchcast.ingestion.validation;

import java.time.LocalDate;
import java.util.List;

/** The canonical rows one source row yields. */
public final class CanonicalRows {

    private CanonicalRows() {
    }

    /**
     * A {@code products} row; {@code attributes} follow the mapping's attribute order. {@code launchDate} is null
     * when the mapping derives launches from first sales.
     */
    public record ProductRow(String productId, LocalDate launchDate, String region, Double price, String split,
            Object[] attributes) {
    }

    /** A {@code sales} row before aggregation to unique (product, region, period). */
    public record SalesRow(String productId, String region, LocalDate periodStart, long units) {
    }

    /**
     * One long sales row as it was, kept when launches or launch attributes are derived from the sales.
     *
     * @param second the row's time, seconds since 1970-01-01 (midnight when the source gives a date only)
     * @param values the mapping's sales values ({@code sales.values}), in the mapping's value order
     */
    public record TransactionRow(String productId, LocalDate day, long second, LocalDate periodStart, long units,
            String[] values) {
    }

    /** A {@code signals} row; {@code value} is null when the source marks it missing. */
    public record SignalRow(String signal, String term, LocalDate periodStart, Double value) {
    }

    /**
     * Everything one source row yields, why it yields nothing (rejection), or the rule that left it out.
     *
     * @param transactions the sales rows as they were, when kept (a long sales row is one; a wide row dated by a
     *        step gives its first day and its first day with a sale)
     */
    public record Mapped(ProductRow product, List<SalesRow> sales, List<SignalRow> signals,
            List<TransactionRow> transactions, String rejection, String excludedBy) {

        public Mapped(ProductRow product, List<SalesRow> sales, List<SignalRow> signals, String rejection) {
            this(product, sales, signals, List.of(), rejection, null);
        }

        public static Mapped rejected(String reason) {
            return new Mapped(null, List.of(), List.of(), List.of(), reason, null);
        }

        public static Mapped excluded(String rule) {
            return new Mapped(null, List.of(), List.of(), List.of(), null, rule);
        }

        public boolean isRejected() {
            return rejection != null;
        }

        public boolean isExcluded() {
            return excludedBy != null;
        }
    }
}
