package io.launchcast.ingestion.curated;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code _manifest.json} of one dataset version, written last: its existence makes the version visible, and
 * everything it lists is complete.
 *
 * @param version the version id: the UTC time of the first run that produced this content, then the start of
 *        the content hash, so versions sort by time and identical content is recognisable
 * @param contentHash SHA-256 over the tables' rows (not the Parquet bytes), equal for equal data
 * @param schemaVersion the canonical schema version ({@code CanonicalSchemas.VERSION})
 * @param period day, week or month
 * @param periodAnchor {@code launch_date} when periods count from each launch (wide sales), else {@code calendar}
 * @param attributes the mapping's product attributes in declaration order; type {@code TEXT} for free text
 *        (stored as a string column)
 * @param weekStart the first day of a week period ({@code MONDAY} for ISO weeks); null for other periods
 * @param rules what each rule of the mapping did (clipping, launches from first sales, left-censoring...),
 *        so that counts reconcile from the raw rows to the curated tables. Left-censored products are in
 *        {@code products} with {@code split = 'left-censored'}: history, never a launch to learn from or score.
 */
public record Manifest(String dataset, String version, String contentHash, String schemaVersion, Instant createdAt,
        String runId, MappingRef mapping, List<SourceRef> sources, String period, String periodAnchor,
        List<AttributeRef> attributes, Map<String, TableRef> tables, RowCounts rows, String quarantine,
        String weekStart, Map<String, Long> rules) {

    public static final String FILE_NAME = "_manifest.json";

    public Manifest(String dataset, String version, String contentHash, String schemaVersion, Instant createdAt,
            String runId, MappingRef mapping, List<SourceRef> sources, String period, String periodAnchor,
            List<AttributeRef> attributes, Map<String, TableRef> tables, RowCounts rows, String quarantine) {
        this(dataset, version, contentHash, schemaVersion, createdAt, runId, mapping, sources, period, periodAnchor,
                attributes, tables, rows, quarantine, null, Map.of());
    }

    /** The mapping that produced the version. */
    public record MappingRef(String name, int version, String sha256) {
    }

    /** One input: its URI (or JDBC source), size and entity tag when known. */
    public record SourceRef(String source, String uri, long size, String eTag) {
    }

    /**
     * A declared product attribute: its name, its column in {@code products} ({@code attr_<name>}) and type, and
     * its role where it has one: {@value #FOOTPRINT} for the count of regions a product is sold in (a launch
     * attribute of {@code distinct: region}), which serving sets from the regions a request names.
     */
    public record AttributeRef(String name, String column, String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String role) {

        public static final String FOOTPRINT = "footprint";

        public AttributeRef(String name, String column, String type) {
            this(name, column, type, null);
        }
    }

    /** A column and its canonical type. */
    public record ColumnRef(String name, String type) {
    }

    /** One curated table. */
    public record TableRef(long rows, List<ColumnRef> columns, List<String> partitionKeys, List<FileRef> files) {
    }

    /**
     * One Parquet file, its size and its partition values (e.g. region=all, period_year=2017), as values: the key
     * has them escaped as hive-style paths do ({@code region=US%2FEast}), the map has them decoded ({@code US/East}).
     */
    public record FileRef(String key, long size, Map<String, String> partition) {

        /**
         * A partition value from a hive-style path segment: {@code %XX} escapes (which DuckDB and Spark write for
         * characters such as {@code /}, {@code =}, {@code %} or a blank) decoded as UTF-8, anything else as it is.
         */
        public static String partitionValue(String escaped) {
            if (escaped.indexOf('%') < 0) {
                return escaped;
            }
            try {
                return java.net.URLDecoder.decode(escaped.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a % that escapes nothing: written as it was
                return escaped;
            }
        }
    }

    /** The run's reconciliation: read = accepted + rejected + duplicates + excluded. */
    public record RowCounts(long read, long accepted, long rejected, long duplicates, long excluded,
            Map<String, Long> excludedByRule) {

        public RowCounts(long read, long accepted, long rejected, long duplicates) {
            this(read, accepted, rejected, duplicates, 0, Map.of());
        }
    }

    /** Key prefix of a version: {@code curated/<dataset>/v=<version>/}. */
    public static String prefix(String dataset, String version) {
        return "curated/" + dataset + "/v=" + version + "/";
    }

    public static String key(String dataset, String version) {
        return prefix(dataset, version) + FILE_NAME;
    }
}
