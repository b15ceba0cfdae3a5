package io.launchcast.ingestion.run;

/**
 * One input of a run, matched to a mapping source.
 *
 * @param key the object's key, or null for a JDBC source
 * @param uri the object's URI, or {@code jdbc:<connection>/<source>}
 * @param split the split the matched file pattern gives products, or null
 */
record RunInput(String source, String key, String uri, String split, long size, String eTag) {

    boolean isJdbc() {
        return key == null;
    }

    String fileName() {
        return key == null ? uri : key.substring(key.lastIndexOf('/') + 1);
    }
}
