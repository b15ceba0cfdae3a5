package io.launchcast.features.dataset;

import java.util.List;

/**
 * A curated dataset version whose products and signals are in memory and whose sales stay on disk, streamed
 * when needed ({@link SalesRows}): what a computation over every product of a large version reads.
 */
public record CuratedVersion(DatasetManifest manifest, List<Product> products, List<SignalRecord> signals,
                             SalesRows sales) {

    public CuratedVersion {
        products = List.copyOf(products);
        signals = List.copyOf(signals);
    }
}
