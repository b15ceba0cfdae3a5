package io.launchcast.ingestion.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that runs ingestions: its work directory, and the {@link Ingestion} it starts, closed after each test. */
abstract class IngestionTest {

    @TempDir
    Path temp;

    Ingestion ingestion;

    @AfterEach
    void closeIngestion() {
        if (ingestion != null) {
            ingestion.close();
        }
    }
}
