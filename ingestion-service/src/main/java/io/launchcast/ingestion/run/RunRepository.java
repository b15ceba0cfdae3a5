package io.launchcast.ingestion.run;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run records in the object store ({@code ingestion/runs/<id>.json}), so that a run's state outlives the
 * process that ran it. Each save replaces the whole record atomically.
 */
public class RunRepository {

    static final String PREFIX = "ingestion/runs/";
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ObjectStore store;

    public RunRepository(ObjectStore store) {
        this.store = store;
    }

    public void save(IngestionRun run) {
        store.put(PREFIX + run.id() + ".json", JSON.writeValueAsBytes(run), "application/json");
    }

    public Optional<IngestionRun> find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(store.read(PREFIX + id + ".json"), IngestionRun.class));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    /** Every stored run (used at start-up to find runs a crash cut off). */
    public List<IngestionRun> all() {
        return store.list(PREFIX).stream().map(ObjectSummary::key).filter(k -> k.endsWith(".json"))
                .map(k -> JSON.readValue(store.read(k), IngestionRun.class)).toList();
    }
}
