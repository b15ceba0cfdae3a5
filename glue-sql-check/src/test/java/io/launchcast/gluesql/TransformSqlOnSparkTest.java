package io.launchcast.gluesql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transformation definition gives the same curated tables on Spark SQL (what the Glue job runs) as on
 * DuckDB (what local mode runs), statement by statement, over the same staged rows: sales of several rows per
 * product, region and period to sum, signals of several values per period to average, and a product table to
 * pass through.
 */
class TransformSqlOnSparkTest {

    static SparkSession spark;
    static Connection duckdb;
    static Map<String, String> statements;

    @BeforeAll
    static void engines() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("transform-sql-check")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        statements = sections(resource("io/launchcast/ingestion/curated/transform.sql"));
        stage(new Random(17));
    }

    @AfterAll
    static void close() throws SQLException {
        spark.stop();
        duckdb.close();
    }

    /** The SELECT of each {@code -- @table <name>} section, as the ingestion service splits the file. */
    static Map<String, String> sections(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String table = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text + "\n-- @table end").split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("-- @table ")) {
                if (table != null) {
                    out.put(table, body.toString().trim().replaceAll(";$", ""));
                }
                table = trimmed.substring("-- @table ".length()).trim();
                body.setLength(0);
            } else if (table != null && !trimmed.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TransformSqlOnSparkTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The same staged rows as views {@code <table>_stage} in both engines, with the types staging uses. */
    private static void stage(Random random) throws SQLException {
        List<Object[]> products = new ArrayList<>();
        List<Object[]> sales = new ArrayList<>();
        List<Object[]> signals = new ArrayList<>();
        LocalDate monday = LocalDate.of(2019, 12, 30); // periods cross a year boundary
        for (int p = 0; p < 60; p++) {
            String id = "p" + p;
            products.add(new Object[] {id, monday.plusWeeks(p % 5), p % 3 == 0 ? null : "eu", 10.0 + p,
                    "cat" + p % 4});
            for (int w = 0; w < 6; w++) {
                for (int day = 0; day < 1 + random.nextInt(3); day++) { // 1-3 rows to sum per product and period
                    sales.add(new Object[] {id, p % 2 == 0 ? "eu" : "us", monday.plusWeeks(p % 5 + w),
                            (long) random.nextInt(40) - (random.nextInt(20) == 0 ? 5 : 0)});
                }
            }
        }
        for (String term : List.of("red", "blue", "linen")) {
            for (int w = -10; w < 12; w++) {
                for (int v = 0; v < 1 + random.nextInt(2); v++) {
                    signals.add(new Object[] {"gtrends", term, monday.plusWeeks(w), random.nextInt(1000) / 7.0});
                }
            }
        }
        define("products_stage", new String[] {"product_id", "launch_date", "region", "price", "category"},
                new String[] {"VARCHAR", "DATE", "VARCHAR", "DOUBLE", "VARCHAR"}, products);
        define("sales_stage", new String[] {"product_id", "region", "period_start", "units"},
                new String[] {"VARCHAR", "VARCHAR", "DATE", "BIGINT"}, sales);
        define("signals_stage", new String[] {"signal", "term", "period_start", "value"},
                new String[] {"VARCHAR", "VARCHAR", "DATE", "DOUBLE"}, signals);
    }

    private static void define(String view, String[] columns, String[] types, List<Object[]> rows) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + view + " (");
        StructType schema = new StructType();
        for (int c = 0; c < columns.length; c++) {
            ddl.append(c == 0 ? "" : ", ").append(columns[c]).append(' ').append(types[c]);
            schema = schema.add(columns[c], switch (types[c]) {
                case "DATE" -> DataTypes.DateType;
                case "BIGINT" -> DataTypes.LongType;
                case "DOUBLE" -> DataTypes.DoubleType;
                default -> DataTypes.StringType;
            });
        }
        try (Statement s = duckdb.createStatement()) {
            s.execute(ddl.append(")").toString());
        }
        List<Row> sparkRows = new ArrayList<>();
        String marks = "?" + ", ?".repeat(columns.length - 1);
        try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO " + view + " VALUES (" + marks + ")")) {
            for (Object[] row : rows) {
                Object[] forSpark = row.clone();
                for (int c = 0; c < row.length; c++) {
                    insert.setObject(c + 1, row[c]);
                    if (row[c] instanceof LocalDate d) {
                        forSpark[c] = java.sql.Date.valueOf(d);
                    }
                }
                insert.addBatch();
                sparkRows.add(RowFactory.create(forSpark));
            }
            insert.executeBatch();
        }
        spark.createDataFrame(sparkRows, schema).createOrReplaceTempView(view);
    }

    private static List<String> onDuckDb(String select) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = duckdb.createStatement(); ResultSet r = s.executeQuery(select)) {
            int n = r.getMetaData().getColumnCount();
            List<String> header = new ArrayList<>();
            for (int c = 1; c <= n; c++) {
                header.add(r.getMetaData().getColumnLabel(c));
            }
            rows.add(String.join("|", header));
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (int c = 1; c <= n; c++) {
                    Object v = r.getObject(c);
                    cells.add(cell(v instanceof java.sql.Date d ? d.toLocalDate() : v));
                }
                rows.add(String.join("|", cells));
            }
        }
        return sortedBody(rows);
    }

    private static List<String> onSpark(String select) {
        var frame = spark.sql(select);
        List<String> rows = new ArrayList<>();
        rows.add(String.join("|", frame.columns()));
        for (Row row : frame.collectAsList()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                cells.add(cell(v instanceof java.sql.Date d ? d.toLocalDate() : v));
            }
            rows.add(String.join("|", cells));
        }
        return sortedBody(rows);
    }

    /** Engines may order rows differently and print numbers differently: compare sorted, numbers by value. */
    private static String cell(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return new BigDecimal(v.toString()).setScale(9, RoundingMode.HALF_EVEN).toPlainString();
        }
        return v.toString();
    }

    private static List<String> sortedBody(List<String> rows) {
        List<String> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort(null);
        body.add(0, rows.get(0));
        return body;
    }

    @Test
    void everyStatementGivesTheSameTableOnSparkAsOnDuckDb() throws SQLException {
        assertThat(statements).containsKeys("products", "sales", "signals");
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            List<String> duck = onDuckDb(statement.getValue());
            List<String> sparkRows = onSpark(statement.getValue());

            assertThat(sparkRows).as(statement.getKey()).isEqualTo(duck);
        }
    }

    @Test
    void salesAreSummedPerProductRegionAndPeriodWithTheYearAsPartition() throws SQLException {
        List<String> sales = onSpark(statements.get("sales"));
        long staged;
        try (Statement s = duckdb.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT product_id, region, period_start "
                        + "FROM sales_stage)")) {
            r.next();
            staged = r.getLong(1);
        }
        assertThat(sales.get(0)).isEqualTo("product_id|region|period_start|units|period_year");
        assertThat(sales).hasSize((int) staged + 1);
        assertThat(sales).anyMatch(row -> row.contains("|2019-12-30|") && row.endsWith("|2019"))
                .anyMatch(row -> row.contains("|2020-01-06|") && row.endsWith("|2020"));
    }
}
