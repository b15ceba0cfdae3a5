package io.launchcast.ingestion.catalog.local;

import io.launchcast.ingestion.catalog.CatalogException;
import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.curated.TransformDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The local job engine: runs the same transformation definition a Glue job runs, in DuckDB, over staging
 * Parquet in local directories ({@code file:} URIs or paths), and writes each curated table as Parquet.
 */
public class InProcessTransformJobs implements TransformJobs {

    /** Local mode transforms every run in the service itself: nothing is delegated. */
    @Override
    public Optional<String> jobFor(String mapping) {
        return Optional.empty();
    }

    @Override
    public Outcome run(Request request, Consumer<Status> progress) {
        long start = System.nanoTime();
        String id = "local-" + UUID.randomUUID();
        Path staging = path(request.stagingUri());
        Path output = path(request.outputUri());
        Map<String, String> selects = TransformDefinition.parse(request.definition());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String table : selects.keySet()) {
                s.execute("CREATE VIEW " + table + "_stage AS SELECT * FROM read_parquet('"
                        + staging.resolve(table).resolve("*.parquet").toString().replace("'", "''") + "')");
            }
            for (Map.Entry<String, String> select : selects.entrySet()) {
                Path dir = output.resolve(select.getKey());
                Files.createDirectories(dir);
                s.execute("COPY (" + select.getValue() + ") TO '" + dir.resolve("part-0.parquet").toString()
                        .replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
            }
            return new Outcome(id, true, "SUCCEEDED", null, Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            return new Outcome(id, false, "FAILED", e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new CatalogException("cannot prepare " + output, e);
        }
    }

    private static Path path(String uri) {
        return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
    }
}
