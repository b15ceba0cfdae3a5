package io.launchcast.platform.events;

import io.launchcast.platform.objectstore.ObjectStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of events this service dead-lettered, kept in the object store under
 * {@code events/failures/<service>/} so that it outlives the process and an operator can read and replay it.
 */
public class EventFailures {

    private final ObjectStore store;
    private final JsonMapper json;
    private final String prefix;

    public EventFailures(ObjectStore store, JsonMapper json, String service) {
        this.store = store;
        this.json = json;
        this.prefix = "events/failures/" + service + "/";
    }

    public void save(EventFailure failure) {
        store.put(prefix + failure.id() + ".json", json.writeValueAsBytes(failure), "application/json");
    }

    public Optional<EventFailure> find(String id) {
        if (id.isBlank() || id.length() > 128 || !id.matches("[A-Za-z0-9-]+")) {
            return Optional.empty();
        }
        return store.head(prefix + id + ".json").map(o -> json.readValue(store.read(o.key()), EventFailure.class));
    }

    /** Every recorded failure, newest first. */
    public List<EventFailure> list() {
        return store.list(prefix).stream().map(o -> json.readValue(store.read(o.key()), EventFailure.class))
                .sorted(Comparator.comparing(EventFailure::failedAt).reversed()).toList();
    }
}
