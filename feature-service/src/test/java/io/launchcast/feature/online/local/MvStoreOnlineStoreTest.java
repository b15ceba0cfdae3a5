package io.launchcast.feature.online.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.feature.online.OnlineStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class MvStoreOnlineStoreTest implements OnlineStoreContract {

    @TempDir
    static Path dir;
    static MvStoreOnlineStore store;

    @BeforeAll
    static void open() {
        store = new MvStoreOnlineStore(dir.resolve("shared.mv.db"), JsonMapper.builder().build());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    public OnlineStore store() {
        return store;
    }

    @Override
    public String group() {
        return "contract";
    }

    @Test
    void survivesARestartWithItsData(@TempDir Path own) {
        FeatureRecord record = new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"),
                Map.of("category", "culottes"));
        try (MvStoreOnlineStore first = new MvStoreOnlineStore(own.resolve("online.mv.db"), JsonMapper.builder().build())) {
            first.put("launch-attributes", List.of(record));
        }

        try (MvStoreOnlineStore reopened = new MvStoreOnlineStore(own.resolve("online.mv.db"), JsonMapper.builder().build())) {
            assertThat(reopened.get("launch-attributes", "5081")).contains(record);
        }
    }
}
