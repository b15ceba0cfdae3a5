package io.launchcast.features.dataset;

import java.time.LocalDate;

/** One row of the canonical long {@code sales} table. */
public record SalesRecord(String productId, String region, LocalDate periodStart, long units) {
}
