package io.launchcast.features.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.duckdb.DuckDBDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a curated dataset version from a local directory with an in-memory DuckDB: {@code _manifest.json}
 * plus every Parquet file under {@code products/}, {@code sales/} and {@code signals/}, whatever their
 * hive partitioning. Only canonical columns are selected, so partition columns ingestion adds (e.g.
 * {@code period_month=...}) never leak into the tables. Rows come back in a stable order so that everything
 * computed from them is reproducible.
 */
public final class CuratedDatasetReader {

    private static final String MANIFEST = "_manifest.json";
    private static final String ATTR = "attr_";
    /** The manifest's role of an attribute that counts the regions a product is sold in. */
    private static final String FOOTPRINT = "footprint";

    /** Reads the dataset version rooted at {@code root}; refuses a directory without a manifest. */
    public CuratedDataset read(Path root) {
        CuratedVersion version = open(root);
        List<SalesRecord> sales = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            if (hasFiles(root, "sales")) {
                sales(statement, root, " order by 1, 2, 3", sales::add);
            }
        } catch (SQLException | IOException e) {
            throw new DatasetReadException("cannot read curated dataset " + root + ": " + e.getMessage(), e);
        }
        return new CuratedDataset(version.manifest(), version.products(), sales, version.signals());
    }

    /**
     * Whether a file of a version (its path below the version's root) is one {@link #open} needs for the products:
     * the manifest and the products table. A reader of the products alone copies these, not the sales.
     */
    public static boolean isCatalogueFile(String relativePath) {
        return relativePath.equals(MANIFEST) || relativePath.startsWith("products/");
    }

    /**
     * Reads the manifest, products and signals of the version rooted at {@code root}, leaving its sales on disk:
     * they are streamed from the Parquet files each time {@link CuratedVersion#sales()} is iterated. Repeated
     * values (attribute values, regions, dates) are shared, not copied per product.
     */
    public CuratedVersion open(Path root) {
        requireManifest(root);
        Path manifestFile = root.resolve(MANIFEST);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            // a table without files is an empty table (a version with no sales yet, or no signals), not an error
            List<String> columns = hasFiles(root, "products") ? columns(statement, source(root, "products")) : List.of();
            List<String> attributeColumns = columns.stream().filter(c -> c.startsWith(ATTR)).sorted().toList();
            DatasetManifest manifest = manifest(manifestBytes, attributeColumns);
            List<Product> products = columns.isEmpty() ? List.of()
                    : products(statement, root, columns, attributeColumns, id -> true);
            List<SignalRecord> signals = hasFiles(root, "signals") ? signals(statement, root) : List.of();
            return new CuratedVersion(manifest, products, signals, sales(root));
        } catch (SQLException | IOException e) {
            throw new DatasetReadException("cannot read curated dataset " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sales of the version rooted at {@code root}, streamed from its Parquet files each time they are iterated
     * (none if it has no sales files).
     */
    public SalesRows sales(Path root) {
        requireManifest(root);
        boolean hasSales;
        try {
            hasSales = hasFiles(root, "sales");
        } catch (IOException e) {
            throw new DatasetReadException("cannot read curated dataset " + root + ": " + e.getMessage(), e);
        }
        return row -> {
            if (hasSales) {
                streamSales(root, row);
            }
        };
    }

    /**
     * The products of the version rooted at {@code root} whose id {@code wanted} accepts, in launch order: what a
     * reader needs of a large version when it is after a few of its products, without holding all of them.
     */
    public List<Product> products(Path root, Predicate<String> wanted) {
        requireManifest(root);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            if (!hasFiles(root, "products")) {
                return List.of();
            }
            List<String> columns = columns(statement, source(root, "products"));
            List<String> attributeColumns = columns.stream().filter(c -> c.startsWith(ATTR)).sorted().toList();
            return products(statement, root, columns, attributeColumns, wanted);
        } catch (SQLException | IOException e) {
            throw new DatasetReadException("cannot read curated dataset " + root + ": " + e.getMessage(), e);
        }
    }

    private static void requireManifest(Path root) {
        if (!Files.isRegularFile(root.resolve(MANIFEST))) {
            // a version exists only once its manifest does (docs/architecture.md)
            throw new DatasetReadException("no " + MANIFEST + " in " + root);
        }
    }

    /** Every sales row, unordered, through a streaming result: DuckDB hands over a chunk at a time. */
    private static void streamSales(Path root, Consumer<SalesRecord> row) {
        Properties streaming = new Properties();
        streaming.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", streaming);
             Statement statement = connection.createStatement()) {
            sales(statement, root, "", row);
        } catch (SQLException e) {
            throw new DatasetReadException("cannot read the sales of " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasFiles(Path root, String table) throws IOException {
        Path directory = root.resolve(table);
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.walk(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        }
    }

    private static String source(Path root, String table) {
        String glob = root.resolve(table).toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet";
        return "read_parquet('" + glob + "', hive_partitioning=true, union_by_name=true)";
    }

    private static List<String> columns(Statement statement, String source) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select * from " + source + " limit 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
        }
        return names;
    }

    private static DatasetManifest manifest(byte[] bytes, List<String> attributeColumns) {
        JsonNode node = JsonMapper.builder().build().readTree(bytes);
        List<String> attributes = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        String footprint = null;
        JsonNode declared = node.path("attributes");
        if (declared.isArray()) {
            for (JsonNode a : declared) {
                // ingestion may describe attributes as plain names or as objects with a name and a type
                String name = a.isObject() ? a.path("name").asString() : a.asString();
                // ingestion names them by column (attr_<name>); the library speaks plain attribute names
                String plain = name.startsWith(ATTR) ? name.substring(ATTR.length()) : name;
                attributes.add(plain);
                String type = a.isObject() ? a.path("type").asString("") : "";
                if (type.equals("TEXT")) {
                    text.add(plain);
                } else if (type.equals("INTEGER") || type.equals("DOUBLE")) {
                    numeric.add(plain);
                    if (a.path("role").asString("").equals(FOOTPRINT)) {
                        footprint = plain;
                    }
                }
            }
        } else {
            attributeColumns.forEach(c -> attributes.add(c.substring(ATTR.length())));
        }
        String period = text(node, "period", "week");
        String anchor = text(node, "periodAnchor", "launch");
        return new DatasetManifest(text(node, "dataset", "unknown"), text(node, "version", "unknown"),
                Period.parse(period), PeriodAnchor.parse(anchor), attributes, text, numeric, sha256(bytes), footprint);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static List<Product> products(Statement statement, Path root, List<String> columns,
                                          List<String> attributeColumns, Predicate<String> wanted)
            throws SQLException {
        Set<String> present = new LinkedHashSet<>(columns);
        StringBuilder select = new StringBuilder("select cast(product_id as varchar) as product_id, ")
                .append("cast(launch_date as date) as launch_date, ")
                .append(present.contains("region") ? "cast(region as varchar)" : "null").append(" as region, ")
                .append(present.contains("price") ? "cast(price as double)" : "null").append(" as price, ")
                .append(present.contains("split") ? "cast(split as varchar)" : "null").append(" as split");
        for (String a : attributeColumns) {
            select.append(", cast(\"").append(a).append("\" as varchar) as \"").append(a).append('"');
        }
        select.append(" from ").append(source(root, "products")).append(" order by launch_date, product_id");
        List<Product> products = new ArrayList<>();
        // a million products share a few thousand attribute values, regions, splits, dates and prices
        Map<Object, Object> shared = new HashMap<>();
        List<String> names = attributeColumns.stream().map(a -> a.substring(ATTR.length())).toList();
        try (ResultSet rs = statement.executeQuery(select.toString())) {
            while (rs.next()) {
                String id = rs.getString("product_id");
                if (!wanted.test(id)) {
                    continue;
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int i = 0; i < attributeColumns.size(); i++) {
                    String value = rs.getString(attributeColumns.get(i));
                    if (value != null) {
                        attributes.put(names.get(i), shared(shared, value));
                    }
                }
                Object price = rs.getObject("price");
                Double boxedPrice = price == null ? null : shared(shared, ((Number) price).doubleValue());
                // products with the same values share one (immutable) map of them, which Product keeps as it is
                products.add(new Product(id,
                        shared(shared, rs.getObject("launch_date", LocalDate.class)), shared(shared, rs.getString("region")),
                        boxedPrice, shared(shared, rs.getString("split")), shared(shared, Map.copyOf(attributes))));
            }
        }
        return products;
    }

    private static void sales(Statement statement, Path root, String order, Consumer<SalesRecord> row)
            throws SQLException {
        String sql = "select cast(product_id as varchar), cast(region as varchar), cast(period_start as date),"
                + " cast(units as bigint) from " + source(root, "sales") + order;
        Map<Object, Object> shared = new HashMap<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(new SalesRecord(rs.getString(1), shared(shared, rs.getString(2)),
                        shared(shared, rs.getObject(3, LocalDate.class)), rs.getLong(4)));
            }
        }
    }

    private static List<SignalRecord> signals(Statement statement, Path root) throws SQLException {
        String sql = "select cast(signal as varchar), cast(term as varchar), cast(period_start as date),"
                + " cast(value as double) from " + source(root, "signals") + " order by 1, 2, 3";
        List<SignalRecord> signals = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                // getObject, not getDouble + wasNull: the DuckDB driver reports a SQL null double as NaN
                Object value = rs.getObject(4);
                signals.add(new SignalRecord(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        value == null ? null : ((Number) value).doubleValue()));
            }
        }
        return signals;
    }

    /**
     * The one instance of an equal value seen before (null stays null): values are immutable, so products may
     * share them. Free text shares little and costs a map entry per distinct value, no more than it holds anyway.
     */
    @SuppressWarnings("unchecked")
    private static <T> T shared(Map<Object, Object> seen, T value) {
        return value == null ? null : (T) seen.computeIfAbsent(value, v -> v);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
