package io.launchcast.ingestion.curated;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transformation as SQL: one SELECT per curated table, read from {@code transform.sql}. The local engine
 * runs it in DuckDB; the Glue job runs the very same text in Spark SQL.
 */
public final class TransformDefinition {

    /** Classpath location of the definition; the Glue job receives the same file by its S3 copy. */
    public static final String RESOURCE = "/io/launchcast/ingestion/curated/transform.sql";

    private final String text;
    private final Map<String, String> selects;

    private TransformDefinition(String text) {
        this.text = text;
        this.selects = parse(text);
    }

    public static TransformDefinition load() {
        try (InputStream in = TransformDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new TransformDefinition(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file, as shipped to the Glue job. */
    public String text() {
        return text;
    }

    /** The SELECT yielding {@code table}, without its trailing semicolon. */
    public String select(String table) {
        String select = selects.get(table);
        if (select == null) {
            throw new IllegalArgumentException("no section for table " + table);
        }
        return select;
    }

    public Map<String, String> selects() {
        return selects;
    }

    /** The SELECTs of a definition text, by table name. */
    public static Map<String, String> parse(String text) {
        Map<String, String> selects = new LinkedHashMap<>();
        String table = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("-- @table ")) {
                if (table != null) {
                    selects.put(table, clean(body));
                }
                table = trimmed.substring("-- @table ".length()).trim();
                body.setLength(0);
            } else if (table != null && !trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        if (table != null) {
            selects.put(table, clean(body));
        }
        return selects;
    }

    private static String clean(StringBuilder body) {
        String sql = body.toString().trim();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1).trim() : sql;
    }
}
