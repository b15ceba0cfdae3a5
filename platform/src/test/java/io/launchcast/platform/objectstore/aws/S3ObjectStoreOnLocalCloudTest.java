package io.launchcast.platform.objectstore.aws;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreContract;
import io.launchcast.platform.testing.LocalObjectStores;
import org.junit.jupiter.api.BeforeAll;

/** The object-store contract against the S3 adapter on the local S3Proxy stand-in (what local mode runs). */
class S3ObjectStoreOnLocalCloudTest implements ObjectStoreContract {

    static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        store = LocalObjectStores.onLocalCloud();
    }

    @Override
    public ObjectStore store() {
        return store;
    }
}
