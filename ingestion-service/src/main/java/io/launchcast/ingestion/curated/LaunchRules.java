package io.launchcast.ingestion.curated;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.Mapping.Aggregate;
import io.launchcast.ingestion.mapping.Mapping.Attribute;
import io.launchcast.ingestion.mapping.Period;
import io.launchcast.platform.schema.CanonicalSchemas;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping's rules that need every row of a product at once, applied to the curated tables after the
 * transformation (in-process in both modes: they work on per-product aggregates, which are small): clipping
 * of negative net periods, launches from first sales, left-censoring and launch attributes taken from the
 * sales around each launch. Each rule's effect is counted, so that the products and sales published reconcile
 * with the rows read.
 *
 * <p>Reads {@code products_out}, {@code sales_out} and {@code transactions_stage} (one row per accepted long
 * sales row: {@code product_id, day, sold_at, seq, period_start, units, v_<value>}); rewrites the first two.
 */
final class LaunchRules {

    /** The {@code products.split} of a left-censored product (the features library's {@code Product.LEFT_CENSORED}). */
    static final String LEFT_CENSORED = "left-censored";

    private final Mapping mapping;
    private final Map<String, Long> effects = new LinkedHashMap<>();

    private LaunchRules(Mapping mapping) {
        this.mapping = mapping;
    }

    /** Applies the rules; returns each one's effect, by name (empty when the mapping declares none). */
    static Map<String, Long> apply(Statement s, Mapping mapping, boolean transactionsStaged) throws SQLException {
        LaunchRules rules = new LaunchRules(mapping);
        if (mapping.clipNegativePeriods()) {
            rules.clip(s);
        }
        if (transactionsStaged && mapping.launch().fromFirstSale()) {
            rules.firstSales(s);
        } else if (!mapping.launch().fromFirstSale()) {
            rules.salesBeforeLaunch(s);
        }
        if (!mapping.launchAttributes().isEmpty()) {
            rules.launchAttributes(s);
        }
        if (mapping.completeUntil() != null) {
            rules.completeUntil(s);
        }
        return rules.effects;
    }

    private void clip(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(-sum(units), 0) FROM sales_out WHERE units < 0")) {
            r.next();
            effects.put("clip-negative-periods: periods clipped to 0", r.getLong(1));
            effects.put("clip-negative-periods: units clipped", r.getLong(2));
        }
        s.execute("UPDATE sales_out SET units = 0 WHERE units < 0");
    }

    /**
     * Launch = the period of the first sales row with positive units; left-censored when that day is before the
     * declared limit. Products without a positive sale have no launch: they are not published, nor their sales.
     */
    private void firstSales(Statement s) throws SQLException {
        LocalDate dataStart = single(s, "SELECT min(day) FROM transactions_stage", LocalDate.class);
        LocalDate firstLaunchDay = mapping.launch().censoring() == null || dataStart == null ? LocalDate.MIN
                : mapping.launch().censoring().firstLaunchDay(dataStart);
        s.execute("CREATE TABLE launches AS SELECT product_id, " + periodStart("first_day") + " AS launch_date, "
                + (firstLaunchDay.equals(LocalDate.MIN) ? "false" : "first_day < DATE '" + firstLaunchDay + "'")
                + " AS left_censored FROM (SELECT product_id, min(day) AS first_day FROM transactions_stage"
                + " WHERE units > 0 GROUP BY product_id)");
        long withoutSale;
        if (mapping.productsFromSales()) {
            withoutSale = count(s, "SELECT count(DISTINCT product_id) FROM transactions_stage"
                    + " WHERE product_id NOT IN (SELECT product_id FROM launches)");
            StringBuilder columns = new StringBuilder("product_id, launch_date, region, price, split");
            StringBuilder values = new StringBuilder("product_id, launch_date, " + literal(mapping.defaultRegion())
                    + ", CAST(NULL AS DOUBLE), CASE WHEN left_censored THEN '" + LEFT_CENSORED + "' END");
            s.execute("DELETE FROM products_out");
            s.execute("INSERT INTO products_out (" + columns + ") SELECT " + values + " FROM launches");
        } else {
            withoutSale = count(s, "SELECT count(*) FROM products_out WHERE product_id NOT IN"
                    + " (SELECT product_id FROM launches)");
            s.execute("UPDATE products_out SET launch_date = l.launch_date, split = CASE WHEN l.left_censored THEN '"
                    + LEFT_CENSORED + "' ELSE products_out.split END FROM launches l"
                    + " WHERE products_out.product_id = l.product_id");
            s.execute("DELETE FROM products_out WHERE product_id NOT IN (SELECT product_id FROM launches)");
        }
        long salesDropped = count(s, "SELECT count(*) FROM sales_out WHERE product_id NOT IN"
                + " (SELECT product_id FROM products_out)");
        s.execute("DELETE FROM sales_out WHERE product_id NOT IN (SELECT product_id FROM products_out)");
        effects.put("launch first-sale: products with a launch", count(s, "SELECT count(*) FROM products_out"));
        effects.put("launch first-sale: products without a positive sale (not published)", withoutSale);
        effects.put("launch first-sale: sales periods of those products (not published)", salesDropped);
        effects.put("launch left-censoring: products left-censored", count(s, "SELECT count(*) FROM launches"
                + " WHERE left_censored"));
        effects.put("launch left-censoring: launches (not left-censored)", count(s, "SELECT count(*) FROM launches"
                + " WHERE NOT left_censored"));
    }

    /**
     * Sales dated before their product's launch period are published as history but belong to no launch curve.
     * Many of them say the launch-date column is not when products first sold (a catalogue or a planned date),
     * which shifts every curve the models learn; the count, shown only when there are such sales, lets a run's
     * report say so.
     */
    private void salesBeforeLaunch(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(DISTINCT o.product_id), coalesce(sum(o.units), 0)"
                + " FROM sales_out o JOIN products_out p USING (product_id) WHERE o.units > 0 AND o.period_start < "
                + periodStart("p.launch_date"))) {
            r.next();
            if (r.getLong(1) > 0) {
                effects.put("launch-date: products sold before their launch period (those sales are history, in no"
                        + " launch curve)", r.getLong(1));
                effects.put("launch-date: units sold before the launch period", r.getLong(2));
            }
        }
    }

    /**
     * Periods that end after the last complete day are not published: their totals would read as a drop in
     * sales. The first such period is the one containing the day after it.
     */
    private void completeUntil(Statement s) throws SQLException {
        LocalDate firstIncomplete = mapping.period().start(mapping.completeUntil().plusDays(1));
        String condition = "period_start >= DATE '" + firstIncomplete + "'";
        effects.put("complete-until: sales periods from " + firstIncomplete + " on (not published)",
                count(s, "SELECT count(*) FROM sales_out WHERE " + condition));
        s.execute("DELETE FROM sales_out WHERE " + condition);
    }

    /**
     * Each declared value aggregated over the product's positive sales rows in the window around its launch; the
     * regions counted over its sales periods in the window, whatever their units (a store's row of a wide file that
     * sold nothing that week still says the store carried the product).
     */
    private void launchAttributes(Statement s) throws SQLException {
        var spec = mapping.launchAttributes();
        Map<String, String> windows = new LinkedHashMap<>();
        Map<String, String> targets = new LinkedHashMap<>();
        if (spec.price() != null) {
            targets.put("price", "DOUBLE");
        }
        for (String name : spec.attributes().keySet()) {
            Attribute attribute = mapping.attributes().get(name);
            targets.put(CanonicalSchemas.ATTRIBUTE_PREFIX + name, DuckDbCuratedEngine.sqlType(attribute.type().name()));
        }
        for (var target : targets.entrySet()) {
            String column = target.getKey();
            Aggregate aggregate = column.equals("price") ? spec.price()
                    : spec.attributes().get(column.substring(CanonicalSchemas.ATTRIBUTE_PREFIX.length()));
            String value = quote("v_" + aggregate.value());
            String table = "launch_" + column;
            Mapping.Periods periods = aggregate.window() != null ? aggregate.window()
                    : new Mapping.Periods(spec.from(), spec.to());
            String window = window(s, windows, aggregate.ofRegions() ? "sales_out" : "transactions_stage", periods);
            s.execute("CREATE TABLE " + quote(table) + " AS " + aggregateSql(aggregate, value, window));
            s.execute("UPDATE products_out SET " + quote(column) + " = TRY_CAST(a.v AS " + target.getValue() + ") FROM "
                    + quote(table) + " a WHERE products_out.product_id = a.product_id");
            effects.put("launch-attributes " + (column.equals("price") ? "price" : column.substring(5))
                    + ": products with a value", count(s, "SELECT count(*) FROM products_out WHERE " + quote(column)
                    + " IS NOT NULL"));
        }
    }

    /**
     * The rows of {@code table} in the periods around each product's launch, as a table made once per table and
     * periods: the positive sales rows as they were ({@code transactions_stage}), or the sales periods whatever their
     * units ({@code sales_out}).
     */
    private String window(Statement s, Map<String, String> windows, String table, Mapping.Periods periods)
            throws SQLException {
        String key = table + " " + periods.from() + " " + periods.to();
        String made = windows.get(key);
        if (made != null) {
            return made;
        }
        String window = "launch_window_" + windows.size();
        s.execute("CREATE TABLE " + window + " AS SELECT t.* FROM " + table + " t JOIN (SELECT product_id, "
                + periodStart("launch_date") + " AS launch_period FROM products_out) p USING (product_id)"
                + " WHERE " + (table.equals("sales_out") ? "" : "t.units > 0 AND ")
                + "t.period_start >= " + shifted("p.launch_period", periods.from())
                + " AND t.period_start <= " + shifted("p.launch_period", periods.to()));
        windows.put(key, window);
        return window;
    }

    private static String aggregateSql(Aggregate aggregate, String value, String window) {
        String numeric = "TRY_CAST(" + value + " AS DOUBLE)";
        if (aggregate.ofRegions()) {
            return "SELECT product_id, count(DISTINCT region) AS v FROM " + window + " GROUP BY product_id";
        }
        return switch (aggregate.function()) {
            case MEDIAN -> "SELECT product_id, median(" + numeric + ") AS v FROM " + window + " GROUP BY product_id";
            case MEAN -> "SELECT product_id, avg(" + numeric + ") AS v FROM " + window + " GROUP BY product_id";
            case MIN -> "SELECT product_id, min(" + numeric + ") AS v FROM " + window + " GROUP BY product_id";
            case MAX -> "SELECT product_id, max(" + numeric + ") AS v FROM " + window + " GROUP BY product_id";
            case DISTINCT -> "SELECT product_id, count(DISTINCT " + value + ") AS v FROM " + window + " GROUP BY"
                    + " product_id";
            // the units of rows without a value are left out of the divisor too
            case PER_UNIT -> "SELECT product_id, sum(" + numeric + ") / sum(CASE WHEN " + numeric + " IS NOT NULL"
                    + " THEN units END) AS v FROM " + window + " GROUP BY product_id";
            // ties go to the value seen first (earliest time, then earliest row)
            case MOST_FREQUENT -> "SELECT product_id, v FROM (SELECT product_id, " + value + " AS v, count(*) AS n,"
                    + " min(sold_at) AS first_at, min(seq) AS first_seq FROM " + window + " WHERE " + value + " IS NOT NULL"
                    + " GROUP BY product_id, " + value + ") QUALIFY row_number() OVER (PARTITION BY product_id"
                    + " ORDER BY n DESC, first_at, first_seq) = 1";
            case FIRST -> "SELECT product_id, v FROM (SELECT product_id, " + value + " AS v, sold_at, seq FROM " + window
                    + " WHERE " + value + " IS NOT NULL) QUALIFY row_number() OVER (PARTITION BY product_id"
                    + " ORDER BY sold_at, seq) = 1";
        };
    }

    /** SQL for the start of the period containing the date {@code column}. */
    private String periodStart(String column) {
        Period period = mapping.period();
        return switch (period.unit()) {
            case DAY -> "CAST(" + column + " AS DATE)";
            case MONTH -> "CAST(date_trunc('month', " + column + ") AS DATE)";
            // isodow: Monday 1 .. Sunday 7
            case WEEK -> "CAST(" + column + " AS DATE) - CAST((isodow(" + column + ") - " + period.firstDay().getValue()
                    + " + 7) % 7 AS INTEGER)";
        };
    }

    /** SQL for the period start {@code periods} periods after the period start {@code column}. */
    private String shifted(String column, int periods) {
        return switch (mapping.period().unit()) {
            case DAY -> "(" + column + " + " + periods + ")";
            case WEEK -> "(" + column + " + " + (7 * periods) + ")";
            case MONTH -> "CAST(" + column + " + INTERVAL (" + periods + ") MONTH AS DATE)";
        };
    }

    private static long count(Statement s, String sql) throws SQLException {
        Long value = single(s, sql, Long.class);
        return value == null ? 0 : value;
    }

    private static <T> T single(Statement s, String sql, Class<T> type) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getObject(1, type);
        }
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The names of the staged value columns, in the mapping's value order. */
    static List<String> valueColumns(Mapping mapping) {
        List<String> columns = new ArrayList<>();
        mapping.salesValues().forEach(v -> columns.add("v_" + v));
        return columns;
    }
}
