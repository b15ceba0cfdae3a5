package io.launchcast.features.dataset;

import java.time.LocalDate;

/** One row of the canonical {@code signals} table; {@code value} is null when the source had no value. */
public record SignalRecord(String signal, String term, LocalDate periodStart, Double value) {
}
