package io.launchcast.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local copy lives while it is leased or kept, and not longer. */
class LocalCopiesTest {

    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private LocalCopies copies;
    private Path copy;

    @BeforeEach
    void setUp() {
        store = new DirectoryObjectStore(work.resolve("store"));
        store.put("curated/shop/v=1/products/part-0.parquet", "rows".getBytes(StandardCharsets.UTF_8), "x");
        copies = new LocalCopies(store);
        copy = work.resolve("cache/shop/v=1");
    }

    @Test
    void aCopyIsDeletedWhenItsLastLeaseIsClosed() {
        LocalCopies.Lease first = copies.lease("curated/shop/v=1/", copy);
        LocalCopies.Lease second = copies.lease("curated/shop/v=1/", copy);

        assertThat(first.directory().resolve("products/part-0.parquet")).hasContent("rows");
        first.close();
        first.close(); // closing twice counts once
        assertThat(copy).as("still read by the second").isDirectory();
        second.close();
        assertThat(copy).doesNotExist();
        assertThat(copy.getParent()).as("the dataset's folder goes with its last version").doesNotExist();
    }

    @Test
    void theDatasetsFolderStaysWhileAnotherVersionIsThere() {
        store.put("curated/shop/v=2/products/part-0.parquet", "rows".getBytes(StandardCharsets.UTF_8), "x");
        Path other = work.resolve("cache/shop/v=2");
        try (LocalCopies.Lease newer = copies.lease("curated/shop/v=2/", other)) {
            copies.lease("curated/shop/v=1/", copy).close();
            assertThat(copy).doesNotExist();
            assertThat(other.resolve("products/part-0.parquet")).hasContent("rows");
        }
        assertThat(work.resolve("cache/shop")).doesNotExist();
        assertThat(work.resolve("cache")).as("only the dataset's folder").isDirectory();
    }

    @Test
    void aLeaseOfSomeObjectsCopiesThoseAndAWholeLeaseTheRest() {
        store.put("curated/shop/v=1/sales/part-0.parquet", "many rows".getBytes(StandardCharsets.UTF_8), "x");

        try (LocalCopies.Lease products = copies.lease("curated/shop/v=1/", copy, key -> key.startsWith("products/"))) {
            assertThat(products.directory().resolve("products/part-0.parquet")).hasContent("rows");
            assertThat(products.directory().resolve("sales")).doesNotExist();
            try (LocalCopies.Lease whole = copies.lease("curated/shop/v=1/", copy)) {
                assertThat(whole.directory().resolve("sales/part-0.parquet")).hasContent("many rows");
            }
            assertThat(copy).as("still read by the first").isDirectory();
        }
        assertThat(copy).doesNotExist();
    }

    @Test
    void aKeptCopyOutlivesItsLeasesUntilItIsLetGo() {
        try (LocalCopies.Lease lease = copies.lease("curated/shop/v=1/", copy)) {
            copies.keep(copy);
        }
        assertThat(copy).isDirectory();
        assertThat(copies.inUse(copy)).isTrue();

        LocalCopies.Lease reader = copies.lease("curated/shop/v=1/", copy);
        copies.letGo(copy);
        assertThat(copy).as("let go while a reader still reads it").isDirectory();
        reader.close();
        assertThat(copy).doesNotExist();
        assertThat(copies.inUse(copy)).isFalse();
    }

    @Test
    void aCopyDeletedIsMirroredAgainForTheNextLease() {
        copies.lease("curated/shop/v=1/", copy).close();

        try (LocalCopies.Lease again = copies.lease("curated/shop/v=1/", copy)) {
            assertThat(again.directory().resolve("products/part-0.parquet")).hasContent("rows");
        }
    }
}
