package io.launchcast.ingestion.run;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.local.InProcessTransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.ingestion.testing.InMemoryObjectStore;
import io.launchcast.ingestion.testing.RecordingEventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The whole ingestion pipeline without Spring, on an in-memory object store: a fixture for behaviour tests. */
final class Ingestion implements AutoCloseable {

    final InMemoryObjectStore store = new InMemoryObjectStore();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final RunRepository runs = new RunRepository(store);
    final DatasetRepository datasets = new DatasetRepository(store);
    final IngestionService service;
    final IngestionJob job;
    final Path workDir;

    Ingestion(Path workDir, Map<String, IngestionProperties.Connection> connections, Mapping... mappings) {
        this(workDir, connections, new ManifestDatasetCatalog(), mappings);
    }

    Ingestion(Path workDir, Map<String, IngestionProperties.Connection> connections, DatasetCatalog catalog,
            Mapping... mappings) {
        this.workDir = workDir;
        IngestionProperties properties = new IngestionProperties(List.of(), workDir,
                new IngestionProperties.DuckDb("512MB", 2), java.time.Duration.ofMillis(200), 100, connections, true, 65536);
        job = new IngestionJob(store, runs, datasets, catalog, new InProcessTransformJobs(), events, properties,
                Clock.systemUTC());
        service = new IngestionService(MappingRepository.of(mappings), store, runs, job, Clock.systemUTC());
    }

    static Mapping mapping(String yaml) {
        return MappingReader.read(yaml, "test");
    }

    static Mapping mappingFile(Path file) {
        try {
            return MappingReader.read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    IngestionRun run(String mapping, String... uris) {
        try {
            return service.runNow(new IngestionRequest(mapping, List.of(uris)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Manifest manifest(IngestionRun run) {
        return datasets.find(run.dataset(), run.datasetVersion()).orElseThrow();
    }

    /** Copies a version's Parquet files to a local directory so DuckDB can query them. */
    Path download(Manifest manifest, Path dir) throws IOException {
        String prefix = Manifest.prefix(manifest.dataset(), manifest.version());
        for (var table : manifest.tables().values()) {
            for (var file : table.files()) {
                Path target = dir.resolve(file.key().substring(prefix.length()));
                Files.createDirectories(target.getParent());
                Files.write(target, store.read(file.key()));
            }
        }
        return dir;
    }

    /** Views {@code products} and {@code sales} over a version's tables downloaded to {@code dir}. */
    static void curatedViews(java.sql.Statement s, Path dir) throws java.sql.SQLException {
        s.execute("CREATE VIEW products AS SELECT * FROM read_parquet('" + dir.resolve("products/*.parquet") + "')");
        s.execute("CREATE VIEW sales AS SELECT * FROM read_parquet('" + dir.resolve("sales/**/*.parquet")
                + "', hive_partitioning = true)");
        if (java.nio.file.Files.isDirectory(dir.resolve("signals"))) {
            s.execute("CREATE VIEW signals AS SELECT * FROM read_parquet('" + dir.resolve("signals/**/*.parquet")
                    + "', hive_partitioning = true)");
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
