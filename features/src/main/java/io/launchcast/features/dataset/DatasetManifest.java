package io.launchcast.features.dataset;

import java.util.List;

/**
 * What a curated dataset version says about itself: its name and version, the sales period and its anchor,
 * the declared product attributes, and the SHA-256 of the manifest bytes (the lineage key models record).
 */
public record DatasetManifest(String dataset, String version, Period period, PeriodAnchor periodAnchor,
                              List<String> attributes, String sha256) {

    public DatasetManifest {
        attributes = List.copyOf(attributes);
    }
}
