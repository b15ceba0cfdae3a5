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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Reads the dataset version rooted at {@code root}; refuses a directory without a manifest. */
    public CuratedDataset read(Path root) {
        Path manifestFile = root.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            // a version exists only once its manifest does (docs/architecture.md)
            throw new DatasetReadException("no " + MANIFEST + " in " + root);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            // a table without files is an empty table (a version with no sales yet, or no signals), not an error
            List<String> columns = hasFiles(root, "products") ? columns(statement, source(root, "products")) : List.of();
            List<String> attributeColumns = columns.stream().filter(c -> c.startsWith(ATTR)).sorted().toList();
            DatasetManifest manifest = manifest(manifestBytes, attributeColumns);
            List<Product> products = columns.isEmpty() ? List.of() : products(statement, root, columns, attributeColumns);
            List<SalesRecord> sales = hasFiles(root, "sales") ? sales(statement, root) : List.of();
            List<SignalRecord> signals = hasFiles(root, "signals") ? signals(statement, root) : List.of();
            return new CuratedDataset(manifest, products, sales, signals);
        } catch (SQLException | IOException e) {
            throw new DatasetReadException("cannot read curated dataset " + root + ": " + e.getMessage(), e);
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
                }
            }
        } else {
            attributeColumns.forEach(c -> attributes.add(c.substring(ATTR.length())));
        }
        String period = text(node, "period", "week");
        String anchor = text(node, "periodAnchor", "launch");
        return new DatasetManifest(text(node, "dataset", "unknown"), text(node, "version", "unknown"),
                Period.parse(period), PeriodAnchor.parse(anchor), attributes, text, numeric, sha256(bytes));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static List<Product> products(Statement statement, Path root, List<String> columns,
                                          List<String> attributeColumns) throws SQLException {
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
        try (ResultSet rs = statement.executeQuery(select.toString())) {
            while (rs.next()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String a : attributeColumns) {
                    String value = rs.getString(a);
                    if (value != null) {
                        attributes.put(a.substring(ATTR.length()), value);
                    }
                }
                Object price = rs.getObject("price");
                Double boxedPrice = price == null ? null : ((Number) price).doubleValue();
                products.add(new Product(rs.getString("product_id"), rs.getObject("launch_date", LocalDate.class),
                        rs.getString("region"), boxedPrice, rs.getString("split"), attributes));
            }
        }
        return products;
    }

    private static List<SalesRecord> sales(Statement statement, Path root) throws SQLException {
        String sql = "select cast(product_id as varchar), cast(region as varchar), cast(period_start as date),"
                + " cast(units as bigint) from " + source(root, "sales")
                + " order by 1, 2, 3";
        List<SalesRecord> sales = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                sales.add(new SalesRecord(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getLong(4)));
            }
        }
        return sales;
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

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
