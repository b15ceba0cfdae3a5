package io.launchcast.feature.online.local;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.OnlineStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The online store embedded in the feature-service: one H2 MVStore file, one map per feature group, records as
 * JSON. MVStore is a log-structured, crash-safe store: a commit is durable once {@link #put} returns, and after a
 * crash the file opens at the last commit.
 */
public class MvStoreOnlineStore implements OnlineStore, AutoCloseable {

    static final int LEAF_BYTES = 4096;

    private final MVStore store;
    private final JsonMapper json;

    public MvStoreOnlineStore(Path file, JsonMapper json) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the online store's directory for " + file, e);
        }
        // pages compressed (LZF): records are JSON whose feature names repeat, and a sync of a million products
        // rewrites the pages it touches at every commit; uncompressed, that was 7 KB of disk writes per product
        // leaves of 4 KB instead of MVStore's 16 KB: a sync puts its records in launch order, not key order, so each
        // commit touches leaves all over the tree and rewrites them whole; smaller leaves rewrite less of the tree
        // per commit (100,000 products' records in 4 groups, 20,000 per commit: 916 MB of file and 90 s with 16 KB
        // leaves, 333 MB and 21 s with 4 KB)
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress()
                .pageSplitSize(LEAF_BYTES).open();
        this.json = json;
    }

    @Override
    public synchronized void put(String group, Collection<FeatureRecord> records) {
        MVMap<String, String> map = map(group);
        for (FeatureRecord record : records) {
            String stored = map.get(record.recordId());
            if (stored == null || !decode(stored).eventTime().isAfter(record.eventTime())) {
                map.put(record.recordId(), json.writeValueAsString(record));
            }
        }
        store.commit();
    }

    @Override
    public Optional<FeatureRecord> get(String group, String recordId) {
        return Optional.ofNullable(map(group).get(recordId)).map(this::decode);
    }

    @Override
    public Map<String, FeatureRecord> getAll(String group, List<String> recordIds) {
        MVMap<String, String> map = map(group);
        Map<String, FeatureRecord> found = new LinkedHashMap<>();
        for (String id : recordIds) {
            String stored = map.get(id);
            if (stored != null) {
                found.put(id, decode(stored));
            }
        }
        return found;
    }

    @Override
    public Map<String, String> getAllAsJson(String group, List<String> recordIds) {
        MVMap<String, String> map = map(group);
        Map<String, String> found = new LinkedHashMap<>();
        for (String id : recordIds) {
            String stored = map.get(id);
            if (stored != null) {
                found.put(id, stored);
            }
        }
        return found;
    }

    private MVMap<String, String> map(String group) {
        return store.openMap("group:" + group);
    }

    private FeatureRecord decode(String stored) {
        return json.readValue(stored, FeatureRecord.class);
    }

    @Override
    public void close() {
        store.close();
    }
}
