package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import java.io.IOException;
import java.util.List;

/** What the two JSON readers share: rows that name their own keys, read as {@link JsonRows} reads objects. */
abstract class JsonObjectsReader implements RecordReader {

    final CountingInputStream counter;
    final JsonRows rows;

    JsonObjectsReader(CountingInputStream counter, String explode) {
        this.counter = counter;
        this.rows = new JsonRows(explode);
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public void project(List<String> wanted) {
        rows.project(wanted);
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public void close() {
        try {
            counter.close();
        } catch (IOException e) {
            // closing a read stream loses nothing
        }
    }
}
