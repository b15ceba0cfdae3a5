package io.launchcast.ingestion.draft;

import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import io.launchcast.ingestion.source.RecordReader;
import io.launchcast.ingestion.source.RecordReaders;
import io.launchcast.ingestion.source.SourceRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a draft reads of a folder's files: which files are one source (names that differ only in their digits), how
 * each is written (its type, a CSV's delimiter, a JSON document's array of records, the array or list to explode),
 * and a sample of each source's values, profiled column by column, read with the ingestion's own readers.
 */
final class DraftFiles {

    /** Rows sampled from each of at most three files of a source: the first, the middle and the last. */
    static final int SAMPLE_ROWS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern STARS = Pattern.compile("\\*([-_. ]?\\*)+");
    private static final Pattern DATA_FILE = Pattern.compile(
            "(?i).+\\.(csv|tsv|txt|jsonl|ndjson|json|parquet|xlsx)(\\.gz|\\.zip)?");
    private static final List<String> NOT_DATA = List.of("mapping.yml", "training.yml", "example-forecast.json");

    /** Files of one source: the glob that matches them, in name order, and how they are written. */
    record Source(String glob, List<Path> files, String type, String delimiter, String records, String explode,
            String split, boolean multiline) {
    }

    private DraftFiles() {
    }

    /** The folder's data files grouped into sources: names that differ only in their digits are one source. */
    static List<Source> sources(Path folder) throws IOException {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile).sorted().forEach(file -> {
                String fileName = file.getFileName().toString();
                if (!dataFile(fileName)) {
                    return;
                }
                groups.computeIfAbsent(globOf(fileName), g -> new ArrayList<>()).add(file);
            });
        }
        List<Source> sources = new ArrayList<>();
        for (var group : groups.entrySet()) {
            Path first = group.getValue().get(0);
            String type = type(first);
            String delimiter = type.equals("csv") ? delimiter(first) : null;
            JsonNode document = type.equals("json") ? document(first) : null;
            String records = document == null || document.isArray() ? null : arrayOfObjects(document, "");
            JsonNode record = document == null ? null : records == null ? document.get(0)
                    : document.at("/" + records.replace(".", "/")).get(0);
            String explode = type.equals("jsonl") ? arrayOfObjects(first)
                    : type.equals("parquet") ? listOfStructs(first)
                    : record != null && record.isObject() ? arrayOfObjects(record, "") : null;
            String lower = group.getKey().toLowerCase(Locale.ROOT);
            String split = lower.matches("(.*[^a-z])?train([^a-z].*)?") ? "train"
                    : lower.matches("(.*[^a-z])?test([^a-z].*)?") ? "test" : null;
            sources.add(new Source(group.getKey(), group.getValue(), type, delimiter, records, explode, split,
                    type.equals("csv") && quotedLineBreaks(first)));
        }
        return sources;
    }

    /** The file's format: by its extension, and a {@code .json} file by whether its first line is a whole object. */
    /** The files of a source a draft samples: its first, middle and last (in name order, so in time for dated names). */
    public static <T> java.util.Set<T> sampled(List<T> files) {
        return new java.util.LinkedHashSet<>(List.of(files.get(0), files.get(files.size() / 2),
                files.get(files.size() - 1)));
    }

    /** Whether a file of this name is a data file a draft reads (not the project's own files, text or images). */
    public static boolean dataFile(String fileName) {
        return !fileName.startsWith(".") && !NOT_DATA.contains(fileName) && DATA_FILE.matcher(fileName).matches();
    }

    /** The glob of the source a file belongs to: its name with every run of digits (and what joins them) a star. */
    public static String globOf(String fileName) {
        return STARS.matcher(DIGITS.matcher(fileName).replaceAll("*")).replaceAll("*");
    }

    private static String type(Path file) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.(gz|zip)$", "");
        if (lower.endsWith(".json")) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
                String line = Optional.ofNullable(reader.readLine()).orElse("").strip();
                try {
                    return line.startsWith("{") && JSON.readTree(line).isObject() ? "jsonl" : "json";
                } catch (tools.jackson.core.JacksonException e) {
                    return "json";
                }
            }
        }
        return lower.endsWith(".parquet") ? "parquet" : lower.endsWith(".xlsx") ? "excel"
                : lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? "jsonl" : "csv";
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".zip")) {
            java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(in);
            zip.getNextEntry();
            return zip;
        }
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Physical lines of a CSV file read to find a quoted value that spans several. */
    private static final int MULTILINE_LINES = 2000;

    /** Whether a quoted value of the file's first lines goes on past a line break (a description of paragraphs). */
    private static boolean quotedLineBreaks(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            long quotes = 0;
            String line;
            for (int read = 0; read < MULTILINE_LINES && (line = reader.readLine()) != null; read++) {
                quotes += line.chars().filter(c -> c == '"').count();
                if (quotes % 2 == 1) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The one of {@code , ; tab |} the header line holds most of. */
    private static String delimiter(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String header = Optional.ofNullable(reader.readLine()).orElse("");
            String best = ",";
            long most = 0;
            for (String candidate : List.of(",", ";", "\t", "|")) {
                long count = header.chars().filter(c -> c == candidate.charAt(0)).count();
                if (count > most) {
                    most = count;
                    best = candidate;
                }
            }
            return best;
        }
    }

    /** How the Parquet reader names an exploded list's element fields ({@code __element.sku}). */
    private static final String EXPLODED = "__element.";

    /** The first column of a Parquet file whose first row holds a list of structs (an event's items), or null. */
    private static String listOfStructs(Path file) throws IOException {
        FormatSpec parquet = new FormatSpec("parquet", null, null, null, null, null, null);
        try (RecordReader reader = RecordReaders.open(file.getFileName().toString(), Files.newInputStream(file),
                parquet)) {
            List<String> columns = reader.columns();
            reader.project(columns);
            SourceRecord first = reader.next();
            for (int i = 0; first != null && first.values() != null && i < columns.size(); i++) {
                String value = first.values()[i];
                if (value != null && value.startsWith("[{")) {
                    return columns.get(i);
                }
            }
            return null;
        }
    }

    /** The dotted path of the first array of objects in the file's first line (an order's line items), or null. */
    private static String arrayOfObjects(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            JsonNode node = line == null ? null : JSON.readTree(line);
            return node == null ? null : arrayOfObjects(node, "");
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    private static String arrayOfObjects(JsonNode node, String prefix) {
        for (var entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                return prefix + entry.getKey();
            }
            if (value.isObject()) {
                String inner = arrayOfObjects(value, prefix + entry.getKey() + ".");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** Profiles the columns of a sample of the sources' rows (of each, its first, middle and last file). */
    static List<ColumnProfile> profile(List<Source> sources) throws IOException {
        Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
        for (Source source : sources) {
            profile(source, profiles);
        }
        return List.copyOf(profiles.values());
    }

    private static void profile(Source source, Map<String, ColumnProfile> profiles) throws IOException {
        for (Path file : sampled(source.files())) {
            // one file is its own first, middle and last: its end is sampled too (a log sorted by date reaches its
            // last dates there, which a cutoff is guessed from)
            // (not where values span lines: a line found by seeking may start inside one)
            InputStream end = source.files().size() == 1 && List.of("csv", "jsonl").contains(source.type())
                    && !source.multiline() ? end(file, source.type().equals("csv")) : null;
            java.util.function.Consumer<Map<String, String>> add = row -> row.forEach((column, value) ->
                    profiles.computeIfAbsent(column, ColumnProfile::new).add(value));
            if (source.type().equals("jsonl")) {
                jsonRows(open(file), source.explode(), add);
                if (end != null) {
                    jsonRows(end, source.explode(), add);
                }
                continue;
            }
            if (source.type().equals("json")) {
                JsonNode document = document(file);
                JsonNode array = document == null ? null : source.records() == null ? document
                        : document.at("/" + source.records().replace(".", "/"));
                int read = 0;
                for (JsonNode record : array == null || !array.isArray() ? List.<JsonNode>of() : array) {
                    if (read >= SAMPLE_ROWS) {
                        break;
                    }
                    read += jsonRecord(record, source.explode(), add);
                }
                continue;
            }
            profileRows(source, reader(source, file), profiles);
            if (end != null) {
                profileRows(source, RecordReaders.open(file.getFileName().toString(), end, format(source)), profiles);
            }
        }
    }

    /** Profiles the first rows {@code reader} gives, and closes it. */
    private static void profileRows(Source source, RecordReader opened, Map<String, ColumnProfile> profiles)
            throws IOException {
        try (RecordReader reader = opened) {
            // an exploded Parquet list: its element's fields are columns under the list's path, the reader's own
            // helper columns and the list's text are not the export's
            List<String> columns = reader.columns().stream().filter(c -> !c.isBlank())
                    .filter(c -> source.explode() == null || !List.of("file_row_number", "__index", "__length",
                            "__element", source.explode()).contains(c))
                    .map(c -> source.explode() != null && c.startsWith(EXPLODED) ? source.explode()
                            + c.substring(EXPLODED.length() - 1) : c).toList();
            reader.project(columns);
            columns.forEach(c -> profiles.computeIfAbsent(c, ColumnProfile::new));
            SourceRecord record;
            for (int rows = 0; rows < SAMPLE_ROWS && (record = reader.next()) != null; rows++) {
                if (!record.isMalformed() && !record.isTaken()) {
                    for (int i = 0; i < columns.size(); i++) {
                        profiles.get(columns.get(i)).add(record.values()[i]);
                    }
                }
            }
        }
    }

    /** Bytes of a file's end that are sampled when it is large: a few thousand rows of most exports. */
    static final int END_BYTES = 1 << 18;

    /**
     * The last whole lines of an uncompressed file of more than four times {@link #END_BYTES} (after its header line
     * when {@code header}), or null for a smaller or compressed one. A quoted value over several lines may cut the
     * first of them: that row is malformed and left out, as a reader leaves it out.
     */
    static InputStream end(Path file, boolean header) throws IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        if (name.endsWith(".gz") || name.endsWith(".zip") || size <= 4L * END_BYTES) {
            return null;
        }
        byte[] first = new byte[0];
        if (header) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != -1) {
                    line.write(b);
                    if (b == '\n') {
                        break;
                    }
                }
                first = line.toByteArray();
            }
        }
        byte[] tail = new byte[END_BYTES];
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(tail);
            long at = size - END_BYTES;
            while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
                // read on to the end
            }
        }
        int start = afterFirstLineBreak(tail);
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first),
                new java.io.ByteArrayInputStream(tail, start, tail.length - start));
    }

    /** Where the first whole line of bytes read from within a file starts: after its first line break, if any. */
    static int afterFirstLineBreak(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    /** Each sampled line of a JSON Lines file as its columns (dotted paths), an exploded array's elements as rows. */
    private static void jsonRows(InputStream in, String explode, java.util.function.Consumer<Map<String, String>> rows)
            throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int read = 0;
            while (read < SAMPLE_ROWS && (line = reader.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (tools.jackson.core.JacksonException e) {
                    continue;
                }
                if (node == null || !node.isObject()) {
                    continue;
                }
                read += jsonRecord(node, explode, rows);
            }
        }
    }

    /** A JSON document read whole (a draft reads documents of a size a person exports), or null when it is none. */
    private static JsonNode document(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    /** The record's rows (one, or one per element of its exploded array), given to {@code rows}; how many. */
    private static int jsonRecord(JsonNode node, String explode, java.util.function.Consumer<Map<String, String>> rows) {
        if (!node.isObject()) {
            return 0;
        }
        Map<String, String> parent = new LinkedHashMap<>();
        flatten(node, "", explode, parent);
        JsonNode array = explode == null ? null : node.at("/" + explode.replace(".", "/"));
        if (array == null || !array.isArray()) {
            rows.accept(parent);
            return 1;
        }
        for (JsonNode element : array) {
            Map<String, String> row = new LinkedHashMap<>(parent);
            flatten(element, explode + ".", null, row);
            rows.accept(row);
        }
        return array.size();
    }

    private static void flatten(JsonNode node, String prefix, String skip, Map<String, String> into) {
        for (var entry : node.properties()) {
            String path = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (path.equals(skip)) {
                continue;
            }
            if (value.isObject()) {
                flatten(value, path + ".", skip, into);
            } else if (value.isValueNode()) {
                into.put(path, value.isNull() ? null : value.asString());
            }
        }
    }

    /** The dates the {@code key} column's values in {@code keys} have in the source's first file. */
    static Map<String, LocalDate> dates(Source source, String key, ColumnProfile date, Set<String> keys)
            throws IOException {
        Map<String, LocalDate> out = new java.util.HashMap<>();
        java.time.format.DateTimeFormatter formatter = io.launchcast.ingestion.mapping.DatePatterns
                .formatter(date.datePattern());
        try (RecordReader reader = reader(source, source.files().get(0))) {
            List<String> columns = List.of(key, date.name);
            reader.project(columns);
            SourceRecord record;
            while (out.size() < keys.size() && (record = reader.next()) != null) {
                if (!record.isMalformed() && keys.contains(record.values()[0]) && record.values()[1] != null) {
                    try {
                        out.put(record.values()[0], formatter.parse(record.values()[1].strip(), LocalDate::from));
                    } catch (java.time.DateTimeException e) {
                        // not this row's date: another row may have it
                    }
                }
            }
        }
        return out;
    }

    /** One of the source's files, read by the ingestion's reader of its format. */
    private static RecordReader reader(Source source, Path file) throws IOException {
        return RecordReaders.open(file.getFileName().toString(), Files.newInputStream(file), format(source));
    }

    private static FormatSpec format(Source source) {
        return new FormatSpec(source.type(), source.delimiter(), null, null, source.multiline(), null, null, null, null,
                null, source.explode(), null);
    }
}
