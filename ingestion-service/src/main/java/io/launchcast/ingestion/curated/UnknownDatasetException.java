package io.launchcast.ingestion.curated;

/** No published dataset (or version of it) has that name. */
public class UnknownDatasetException extends RuntimeException {

    private final String dataset;
    private final String version;

    public UnknownDatasetException(String dataset, String version) {
        super(version == null ? "no published dataset '" + dataset + "'"
                : "dataset '" + dataset + "' has no published version '" + version + "'");
        this.dataset = dataset;
        this.version = version;
    }

    public String dataset() {
        return dataset;
    }

    public String version() {
        return version;
    }
}
