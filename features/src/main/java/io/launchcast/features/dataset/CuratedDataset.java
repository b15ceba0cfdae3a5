package io.launchcast.features.dataset;

import java.util.List;

/** A curated dataset version held in memory: the manifest and its three canonical tables. */
public record CuratedDataset(DatasetManifest manifest, List<Product> products, List<SalesRecord> sales,
                             List<SignalRecord> signals) {

    public CuratedDataset {
        products = List.copyOf(products);
        sales = List.copyOf(sales);
        signals = List.copyOf(signals);
    }

    /** The same version as a {@link CuratedVersion}, its sales handed over from memory. */
    public CuratedVersion asVersion() {
        return new CuratedVersion(manifest, products, signals, sales::forEach);
    }
}
