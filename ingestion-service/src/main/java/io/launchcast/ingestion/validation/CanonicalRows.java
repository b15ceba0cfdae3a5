package io.launchcast.ingestion.validation;

import java.time.LocalDate;
import java.util.List;

/** The canonical rows one source row yields. */
public final class CanonicalRows {

    private CanonicalRows() {
    }

    /** A {@code products} row; {@code attributes} follow the mapping's attribute order. */
    public record ProductRow(String productId, LocalDate launchDate, String region, Double price, String split,
            Object[] attributes) {
    }

    /** A {@code sales} row before aggregation to unique (product, region, period). */
    public record SalesRow(String productId, String region, LocalDate periodStart, long units) {
    }

    /** A {@code signals} row; {@code value} is null when the source marks it missing. */
    public record SignalRow(String signal, String term, LocalDate periodStart, Double value) {
    }

    /** Everything one source row yields, or why it yields nothing. */
    public record Mapped(ProductRow product, List<SalesRow> sales, List<SignalRow> signals, String rejection) {

        public static Mapped rejected(String reason) {
            return new Mapped(null, List.of(), List.of(), reason);
        }

        public boolean isRejected() {
            return rejection != null;
        }
    }
}
