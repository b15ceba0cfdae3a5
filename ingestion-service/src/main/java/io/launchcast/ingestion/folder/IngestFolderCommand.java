package io.launchcast.ingestion.folder;

import io.launchcast.ingestion.catalog.local.InProcessTransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.ingestion.mapping.InvalidMappingException;
import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.run.IngestionJob;
import io.launchcast.ingestion.run.IngestionProperties;
import io.launchcast.ingestion.run.IngestionRequest;
import io.launchcast.ingestion.run.IngestionRun;
import io.launchcast.ingestion.run.IngestionService;
import io.launchcast.ingestion.run.RunRepository;
import io.launchcast.ingestion.run.RunState;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingests a data project folder without the suite: {@code IngestFolderCommand <project folder> <output folder>}.
 * The folder's {@code mapping.yml} decides everything; every file under the folder that one of its sources
 * matches is read. The curated version is written to {@code <output>/store/curated/<dataset>/v=<version>/}
 * exactly as the service publishes it (same job, same engine), and its directory is the last line printed, so
 * that tools such as the accuracy command can run on a fresh clone without starting anything.
 */
public final class IngestFolderCommand {

    private IngestFolderCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: IngestFolderCommand <project folder with mapping.yml> <output folder>");
            System.exit(2);
        }
        try {
            Path curated = ingest(Path.of(args[0]), Path.of(args[1]), System.out);
            System.out.println(curated.toAbsolutePath());
        } catch (InvalidMappingException e) {
            System.err.println(e.getMessage());
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(1);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Ingests the project; returns the directory of the curated version (an earlier identical run's version
     * when nothing changed).
     *
     * @throws IllegalStateException when the run fails (its summary says why)
     */
    public static Path ingest(Path project, Path output, PrintStream progress) throws Exception {
        Path mappingFile = project.resolve("mapping.yml");
        if (!Files.isRegularFile(mappingFile)) {
            throw new IllegalArgumentException(project + " has no mapping.yml: a data project folder holds its mapping"
                    + " (see docs/mapping.md; ingestion-service/draft-mapping.sh drafts one from the files) and,"
                    + " optionally, its files");
        }
        Mapping mapping = MappingReader.read(Files.readString(mappingFile), mappingFile.toString());
        Path root = output.resolve("store");
        var store = new DirectoryObjectStore(root);
        String landing = "landing/" + mapping.name() + "/" + project.toAbsolutePath().normalize().getFileName() + "/";
        List<Path> files = sourceFiles(project, mapping);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file under " + project + " matches a source of " + mappingFile);
        }
        for (Path file : files) {
            store.put(landing + project.relativize(file).toString().replace('\\', '/'), file, "application/octet-stream");
        }
        progress.printf("%s: %d files of mapping %s v%d%n", project, files.size(), mapping.name(), mapping.version());
        var properties = new IngestionProperties(List.of(), output.resolve("work"), new IngestionProperties.DuckDb("1GB", 0),
                Duration.ofSeconds(5), 1000, Map.of(), false, 65536);
        var runs = new RunRepository(store);
        var datasets = new DatasetRepository(store);
        var job = new IngestionJob(store, runs, datasets, new ManifestDatasetCatalog(), new InProcessTransformJobs(),
                event -> { }, properties, Clock.systemUTC());
        IngestionRun run;
        try (var service = new IngestionService(MappingRepository.of(mapping), store, runs, job, Clock.systemUTC())) {
            run = service.runNow(new IngestionRequest(mapping.name(), List.of(store.uri(landing).toString())));
        }
        progress.printf("run %s %s: %s%s%n", run.id(), run.state(), run.rows(),
                run.rules().isEmpty() ? "" : " " + run.rules());
        if (run.state() != RunState.SUCCEEDED) {
            throw new IllegalStateException("ingestion of " + project + " failed: " + run.error());
        }
        return root.resolve(Manifest.prefix(run.dataset(), run.datasetVersion()));
    }

    /**
     * Files a source of the mapping matches by name, in path order; the mapping itself and docs never match.
     * Linked folders are followed: a project often links to where its data lives rather than copying it.
     */
    static List<Path> sourceFiles(Path project, Mapping mapping) throws IOException {
        List<SourceSpec.FileSpec> specs = mapping.sources().stream().flatMap(s -> s.files().stream()).toList();
        try (Stream<Path> all = Files.walk(project, FileVisitOption.FOLLOW_LINKS)) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> specs.stream().anyMatch(spec -> spec.matches(f.getFileName().toString())))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new IllegalArgumentException(loop.getFile() + " links back to a folder that contains it: "
                        + project + " cannot be read to the end", e);
            }
            throw e.getCause();
        }
    }
}
