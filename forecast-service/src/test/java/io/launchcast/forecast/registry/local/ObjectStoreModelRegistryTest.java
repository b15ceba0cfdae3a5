package io.launchcast.forecast.registry.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.registry.CorruptModelArtifactException;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelRegistryContract;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The registry contract on the object store (S3 stand-in), as local mode runs it. */
class ObjectStoreModelRegistryTest implements ModelRegistryContract {

    static S3ObjectStore store;
    static ObjectStoreModelRegistry registry;

    @BeforeAll
    static void connect() {
        store = LocalObjectStores.onLocalCloud();
        registry = new ObjectStoreModelRegistry(store, JsonMapper.builder().build(), Clock.systemUTC());
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Test
    void refusesToLoadAnArtifactWhoseBytesChanged() {
        ModelVersion version = registry.register(ModelRegistryContract.registration("tamper-check", "original", 1));
        store.put(version.artifactKey(), "tampered".getBytes(), "application/octet-stream");

        assertThatThrownBy(() -> registry.artifact("tamper-check", version.version()))
                .isInstanceOf(CorruptModelArtifactException.class);
    }
}
