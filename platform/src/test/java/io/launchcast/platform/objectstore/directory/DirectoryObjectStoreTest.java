package io.launchcast.platform.objectstore.directory;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The directory adapter keeps the object store's contract, as the S3 adapter does. */
class DirectoryObjectStoreTest implements ObjectStoreContract {

    private Path root;
    private DirectoryObjectStore store;

    @BeforeEach
    void create() throws IOException {
        root = Files.createTempDirectory("directory-object-store-");
        store = new DirectoryObjectStore(root);
    }

    @AfterEach
    void remove() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public ObjectStore store() {
        return store;
    }
}
