package io.launchcast.ingestion.draft;

import io.launchcast.ingestion.run.IngestionService;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /mapping-drafts}: a first mapping and training configuration for files already uploaded to the object
 * store (where an operator of the aws mode has them, with no folder of their own), as
 * {@code ingestion-service/draft-mapping.sh} drafts them for a local folder ({@link MappingDraft}). Of each group of
 * files that would be one source, the first, middle and last object are copied to a temporary folder and sampled;
 * nothing is stored.
 */
@RestController
@RequestMapping("/mapping-drafts")
class MappingDraftController {

    private final ObjectStore store;

    MappingDraftController(ObjectStore store) {
        this.store = store;
    }

    /**
     * @param uris s3:// URIs of objects or prefixes, as a run's request names them
     * @param name the mapping's name (default: the last folder of the first URI)
     */
    record DraftRequest(@NotNull @NotEmpty List<String> uris, String name) {
    }

    /** The draft's two files, what to check first, and the objects it sampled. */
    record DraftResponse(String mapping, String training, List<String> notes, List<String> sampled) {
    }

    @PostMapping
    DraftResponse draft(@Valid @RequestBody DraftRequest request) throws IOException {
        List<ObjectSummary> objects = IngestionService.objectsAt(store, request.uris());
        Map<String, Long> sizes = new java.util.HashMap<>();
        objects.forEach(o -> sizes.put(o.key(), o.size()));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        objects.stream().map(ObjectSummary::key).distinct().sorted(Comparator.naturalOrder())
                .filter(key -> DraftFiles.dataFile(fileName(key)))
                .forEach(key -> groups.computeIfAbsent(DraftFiles.globOf(fileName(key)), g -> new ArrayList<>())
                        .add(key));
        Path folder = Files.createTempDirectory("launchcast-draft-");
        try {
            List<String> sampled = new ArrayList<>();
            int copy = 0;
            for (List<String> keys : groups.values()) {
                for (String key : DraftFiles.sampled(keys)) {
                    // a folder per object: two prefixes may hold files of the same name
                    Path file = Files.createDirectories(folder.resolve(String.valueOf(copy++))).resolve(fileName(key));
                    copy(key, sizes.getOrDefault(key, -1L), file);
                    sampled.add(key);
                }
            }
            String name = request.name() != null && !request.name().isBlank() ? request.name()
                    : lastFolder(request.uris().get(0));
            MappingDraft.Draft draft;
            try {
                draft = MappingDraft.of(folder, name);
            } catch (io.launchcast.ingestion.source.SourceReadException e) {
                // a file the draft cannot read is the caller's to fix (a damaged upload, a format it is not)
                throw new io.launchcast.ingestion.run.InvalidInputException(e.getMessage());
            }
            return new DraftResponse(draft.mapping(), draft.training(), draft.notes(), sampled);
        } finally {
            if (!FileSystemUtils.deleteRecursively(folder) && Files.exists(folder)) {
                throw new UncheckedIOException(new IOException("cannot delete the draft's copies in " + folder));
            }
        }
    }

    /** Bytes of a large text object's start that its copy keeps: far more than the rows a draft samples. */
    static final int HEAD_BYTES = 4 << 20;

    /**
     * Copies what the draft reads of an object: a text file (CSV, JSON Lines) larger than its head and the end the
     * draft samples as its whole lines of both, read by range (a retailer's one log may be gigabytes, of which the
     * draft reads a few thousand rows); any other object whole, as Parquet's footer, a workbook, a JSON document and a
     * compressed stream need it.
     */
    private void copy(String key, long size, Path file) throws IOException {
        String name = fileName(key).toLowerCase(java.util.Locale.ROOT);
        boolean text = name.matches(".*\\.(csv|tsv|txt|jsonl|ndjson)");
        if (!text || size <= HEAD_BYTES + DraftFiles.END_BYTES) {
            try (InputStream in = store.open(key)) {
                Files.copy(in, file);
            }
            return;
        }
        byte[] head;
        try (InputStream in = store.open(key)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        byte[] tail;
        try (InputStream in = store.open(key, size - DraftFiles.END_BYTES)) {
            tail = in.readAllBytes();
        }
        int headEnd = lastLineEnd(head);
        int tailStart = DraftFiles.afterFirstLineBreak(tail);
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            out.write(head, 0, headEnd);
            out.write(tail, tailStart, tail.length - tailStart);
        }
    }

    /** The length of {@code bytes} up to and with its last line break (all of it when it has none). */
    private static int lastLineEnd(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String lastFolder(String uri) {
        String path = uri.replaceAll("/+$", "");
        String[] parts = path.split("/");
        return parts.length > 1 && path.contains("/") && !uri.endsWith("/") ? parts[parts.length - 2]
                : parts[parts.length - 1];
    }
}
