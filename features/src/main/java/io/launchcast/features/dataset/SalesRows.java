package io.launchcast.features.dataset;

import java.util.function.Consumer;

/**
 * The sales rows of a curated version, handed over one at a time and never all held: a version of a million
 * products has twelve million of them, which as objects alone would take most of a service's heap.
 */
@FunctionalInterface
public interface SalesRows {

    /** Hands every row to {@code row}, in no particular order; each call reads the rows again. */
    void forEach(Consumer<SalesRecord> row);
}
