package io.launchcast.ingestion.draft;

import io.launchcast.ingestion.draft.MappingDraft.Roles;
import io.launchcast.ingestion.draft.MappingDraft.Table;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a folder's tables refer to one another, as a person mapping them would see it: a calendar that dates numbered
 * sales columns, order headers that date their lines, reference tables (categories, price lists) a catalogue's
 * column refers to, and a sales table whose rows are also the catalogue.
 */
final class TableLinks {

    private TableLinks() {
    }

    /**
     * The dates of numbered sales columns ({@code d_1}, {@code d_2}, ...) as a calendar table gives them: a table
     * with a column holding the columns' names and a date column beside it (an M5-shaped export's calendar.csv).
     *
     * @param table the calendar table, read for this and not mapped
     * @param anchor the first column's date
     * @param step {@code day}, {@code week} or {@code month}: the dates of the first two columns apart
     */
    record WideCalendar(Table table, LocalDate anchor, String step) {
    }

    static WideCalendar wideCalendar(List<Table> tables, List<Table> unmapped) throws IOException {
        Table sales = tables.stream().filter(t -> t.roles().sales() && t.roles().wideNumbered()).findFirst()
                .orElse(null);
        if (sales == null) {
            return null;
        }
        String first = sales.roles().wide().get(0).name;
        String second = sales.roles().wide().get(1).name;
        for (Table t : Stream.concat(tables.stream(), unmapped.stream()).toList()) {
            if (t == sales || t.source().type().startsWith("json")) {
                continue;
            }
            ColumnProfile key = t.columns().stream().filter(c -> c.holds(first) && c.holds(second)).findFirst()
                    .orElse(null);
            ColumnProfile date = t.columns().stream().filter(c -> c != key && c.datePattern() != null && !c.numeric())
                    .findFirst().orElse(null);
            if (key == null || date == null) {
                continue;
            }
            Map<String, LocalDate> dates = DraftFiles.dates(t.source(), key.name, date, Set.of(first, second));
            LocalDate a = dates.get(first);
            LocalDate b = dates.get(second);
            long days = a == null || b == null ? 0 : ChronoUnit.DAYS.between(a, b);
            String step = days == 1 ? "day" : days == 7 ? "week" : days >= 28 && days <= 31 ? "month" : null;
            if (step != null) {
                return new WideCalendar(t, a, step);
            }
        }
        return null;
    }

    /**
     * Order lines dated by their order: a table of product ids and units (or one unit a line) without a date, whose
     * column (an order id) holds the keys of another table that has a date (the orders' headers).
     *
     * @param lines the lines, now with the header's date as their sales date
     * @param header the orders, read as a lookup
     * @param key the column both have
     */
    record OrderDates(Table lines, Table header, String key) {
    }

    /** Finds order lines and their headers, replacing the lines' table in {@code tables} by the dated one. */
    static OrderDates orderDates(List<Table> tables, List<Table> unmapped) {
        for (int i = 0; i < tables.size(); i++) {
            Table lines = tables.get(i);
            Roles r = lines.roles();
            if (r.id() == null || r.date() != null || r.units() == null && !r.rowIsUnit() || !r.wide().isEmpty()) {
                continue;
            }
            for (Table header : Stream.concat(tables.stream(), unmapped.stream()).toList()) {
                // the order's date, not when it was shipped or is due
                ColumnProfile date = header == lines ? null : header.columns().stream()
                        .filter(c -> c.datePattern() != null && !c.numeric() && !MappingDraft.logistics(c))
                        .findFirst().orElse(null);
                for (ColumnProfile key : date == null ? List.<ColumnProfile>of() : header.columns()) {
                    ColumnProfile ref = lines.columns().stream().filter(c -> c.name.equals(key.name) && c != r.id())
                            .findFirst().orElse(null);
                    // lines without a quantity are purchases of one unit each only when their key is an order's
                    boolean ofOrders = r.units() != null || key.named(MappingDraft.EVENTS_OF_A_LOG);
                    if (key != date && ref != null && ofOrders && key.distinct() >= 0.9 * key.values()
                            && key.holdsMostOf(ref)) {
                        Table dated = new Table(lines.sources(), lines.columns(), r.datedBy(date));
                        tables.set(i, dated);
                        return new OrderDates(dated, header, key.name);
                    }
                }
            }
        }
        return null;
    }

    /** Whether the table describes products: a catalogue, or sales rows that carry each product's launch date. */
    static boolean catalogue(Table t) {
        return t.roles().products() || t.roles().sales() && t.roles().launchDate() != null;
    }

    /**
     * A reference table (categories by their id) whose key a catalogue's column holds, or a price list of the
     * catalogue's products ({@code prices}: several rows a product, by store or week).
     */
    record Lookup(Table table, Table catalogue, ColumnProfile key, boolean prices) {
    }

    /** A product's attributes among a sales table's: not those that describe the region (a store's state). */
    static List<ColumnProfile> itemAttributes(Roles roles) {
        return roles.region() == null ? roles.attributes() : roles.attributes().stream().filter(a -> !a.named(
                "state", "city", "province", "county", "district", "zip", "postcode", "region", "store", "country"))
                .toList();
    }

    /**
     * Reference tables: a table of attributes by an id (no launch date, price or sales of its own) whose id column
     * another catalogue has under the same name, holding (nearly) only ids the table has. Its attributes are then
     * the catalogue's, found through that column, as a person would map a category table.
     */
    static List<Lookup> lookups(List<Table> tables, Table wideItems) {
        List<Lookup> out = new ArrayList<>();
        for (Table table : tables) {
            Roles r = table.roles();
            if (r.products() && !r.sales() && r.units() == null && r.price() != null && r.launchDate() == null
                    && r.id().distinct() <= 0.5 * r.id().values()) {
                // a price list: the catalogue whose products it prices, by the same id column
                tables.stream().filter(c -> c != table && (catalogue(c) || c == wideItems)
                        && c.roles().id().name.equals(r.id().name)).findFirst()
                        .ifPresent(c -> out.add(new Lookup(table, c, c.roles().id(), true)));
                continue;
            }
            if (!r.products() || r.sales() || r.launchDate() != null || r.price() != null
                    || table.sources().size() > 1) {
                continue;
            }
            for (Table catalogue : tables) {
                ColumnProfile key = catalogue == table || !catalogue(catalogue) ? null : catalogue.columns().stream()
                        .filter(c -> c.name.equals(r.id().name) && c != catalogue.roles().id()
                                && r.id().holdsMostOf(c))
                        .findFirst().orElse(null);
                if (key != null) {
                    out.add(new Lookup(table, catalogue, key, false));
                    break;
                }
            }
        }
        return out;
    }
}
