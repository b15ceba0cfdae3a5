package io.launchcast.platform.logshipping;

import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ships a service's log file and its rolled segments to the object store, each byte once. A file is known by its
 * first line (the hash of it), which stays the same when the logging framework renames the active file to a rolled
 * segment, so the bytes shipped from the active file are not shipped again from the segment. How far each file was
 * shipped is kept in the object store ({@code <offsetsPrefix>/<service>.json}, rewritten whole after every upload),
 * and each upload's key is made of the file's identity and the offset it starts at: an upload repeated after a
 * crash (before its offset was kept) replaces the same object, it never adds a second copy. The active file is
 * shipped up to its last complete line; a rolled segment, closed, to its end.
 *
 * <p>Objects: {@code <prefix>/<service>/<yyyy>/<MM>/<dd>/<service>-<file id>-<offset>.log}, dated by the first line's
 * ECS {@code @timestamp} (the shipping time for a line without one).
 */
public class LogShipper {

    /** Bytes per object at most: a large backlog goes in several objects rather than one held in memory. */
    static final int MAX_OBJECT_BYTES = 8 * 1024 * 1024;
    private static final Pattern TIMESTAMP = Pattern.compile("\"@timestamp\"\\s*:\\s*\"([^\"]+)\"");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** How far each file was shipped, by file identity. */
    record Offsets(Map<String, Long> shipped) {
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final Path file;
    private final String service;
    private final String prefix;
    private final String offsetsKey;
    private final Clock clock;
    private Map<String, Long> shipped;

    public LogShipper(ObjectStore store, JsonMapper json, LogShippingProperties properties, Clock clock) {
        this.store = store;
        this.json = json;
        this.file = properties.file().toAbsolutePath().normalize();
        this.service = properties.service();
        this.prefix = properties.prefix() + "/" + properties.service() + "/";
        this.offsetsKey = properties.offsetsPrefix() + "/" + properties.service() + ".json";
        this.clock = clock;
    }

    /**
     * One shipping round: the rolled segments (oldest first), then the active file.
     *
     * @return the bytes shipped
     */
    public synchronized long ship() {
        if (shipped == null) {
            shipped = store.head(offsetsKey).isPresent()
                    ? new TreeMap<>(json.readValue(store.read(offsetsKey), Offsets.class).shipped()) : new TreeMap<>();
        }
        Set<String> present = new HashSet<>();
        long total = 0;
        for (Path path : files()) {
            try {
                Optional<String> id = identity(path);
                if (id.isEmpty()) {
                    continue; // no complete line yet
                }
                present.add(id.get());
                total += ship(path, id.get(), !path.equals(file));
            } catch (NoSuchFileException e) {
                // removed by the rolling policy's history limit meanwhile: nothing left to read
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + path + " failed", e);
            }
        }
        if (shipped.keySet().retainAll(present)) { // files the rolling policy deleted: forget them
            keepOffsets();
        }
        return total;
    }

    private long ship(Path path, String id, boolean closed) throws IOException {
        long total = 0;
        while (true) {
            long from = shipped.getOrDefault(id, 0L);
            byte[] chunk = read(path, from, closed);
            if (chunk.length == 0) {
                return total;
            }
            store.put(key(id, from, chunk), chunk, "application/x-ndjson");
            shipped.put(id, from + chunk.length);
            keepOffsets();
            total += chunk.length;
        }
    }

    /** The file's bytes from {@code from}: to its end when closed, else to its last complete line; bounded. */
    private static byte[] read(Path path, long from, boolean closed) throws IOException {
        long size = Files.size(path);
        if (size <= from) {
            return new byte[0];
        }
        byte[] buffer;
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(from);
            buffer = in.readNBytes((int) Math.min(MAX_OBJECT_BYTES, size - from));
        }
        if (closed && from + buffer.length >= size) {
            return buffer;
        }
        int end = buffer.length;
        while (end > 0 && buffer[end - 1] != '\n') {
            end--;
        }
        // a line longer than an object is cut rather than never shipped
        return end == 0 && buffer.length == MAX_OBJECT_BYTES ? buffer : Arrays.copyOf(buffer, end);
    }

    private String key(String id, long from, byte[] chunk) {
        int firstLine = 0;
        while (firstLine < chunk.length && chunk[firstLine] != '\n') {
            firstLine++;
        }
        Instant at = timestamp(new String(chunk, 0, firstLine, StandardCharsets.UTF_8)).orElseGet(() -> Instant.now(clock));
        return prefix + DAY.format(at) + "/" + service + "-" + id + "-" + String.format(Locale.ROOT, "%015d", from)
                + ".log";
    }

    private static Optional<Instant> timestamp(String line) {
        Matcher m = TIMESTAMP.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(m.group(1)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void keepOffsets() {
        store.put(offsetsKey, json.writeValueAsBytes(new Offsets(shipped)), "application/json");
    }

    /** The file's first complete line, hashed: empty while there is none. */
    private static Optional<String> identity(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(64 * 1024);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == '\n') {
                    return Optional.of(Sha256.hex(Arrays.copyOf(head, i + 1)).substring(0, 16));
                }
            }
            // a first line longer than what is read: the bytes read identify it as well
            return head.length == 64 * 1024 ? Optional.of(Sha256.hex(head).substring(0, 16)) : Optional.empty();
        }
    }

    /** The rolled segments, oldest first, then the active file (when they exist). */
    private List<Path> files() {
        Path directory = file.getParent();
        String name = file.getFileName().toString();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> rolled = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(p -> isSegment(p.getFileName().toString(), name) && Files.isRegularFile(p))
                    .forEach(rolled::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + directory + " failed", e);
        }
        rolled.sort(Comparator.comparing(LogShipper::lastModified).thenComparing(Path::toString));
        if (Files.isRegularFile(file)) {
            rolled.add(file);
        }
        return rolled;
    }

    /**
     * A rolled segment of the file: its name and a suffix, plain text. Compressed segments are not read (their
     * lines were shipped from the active file, but not the last ones): the shared configuration rolls uncompressed.
     */
    private static boolean isSegment(String candidate, String name) {
        return candidate.startsWith(name + ".") && !candidate.endsWith(".gz") && !candidate.endsWith(".zip")
                && !candidate.endsWith(".tmp");
    }

    private static Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }
}
