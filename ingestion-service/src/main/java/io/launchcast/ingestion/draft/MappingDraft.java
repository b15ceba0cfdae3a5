package io.launchcast.ingestion.draft;

import io.launchcast.ingestion.draft.DraftFiles.Source;
import io.launchcast.ingestion.draft.TableLinks.Lookup;
import io.launchcast.ingestion.draft.TableLinks.OrderDates;
import io.launchcast.ingestion.draft.TableLinks.WideCalendar;
import io.launchcast.ingestion.mapping.InvalidMappingException;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.NumberNotation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A first mapping and training configuration for a folder of raw exports, guessed from a sample of each file: which
 * files are one source (daily files named by their date are one), their format, and each column's role (product id,
 * sales date, units, region, price, attributes, a launch date, sales in one column per period). Every guess is
 * written as a comment beside it, to be checked; the draft is read by the mapping reader before it is returned, and
 * a problem it finds is written at the top. It is a start for docs/mapping.md, not a substitute: a rule only the
 * retailer knows (fees to exclude, returns, left-censoring) is not guessed. The files are read and sampled by
 * {@link DraftFiles}, how the tables refer to one another is found by {@link TableLinks}; this class guesses each
 * table's roles and writes the two files.
 */
public final class MappingDraft {

    /** A column named by a prefix and a number ({@code d_1}, {@code week 12}). */
    private static final Pattern NUMBERED = Pattern.compile("(.*[^0-9])([0-9]+)");

    /** The draft: the two files' text, and what the reader should look at first. */
    public record Draft(String mapping, String training, List<String> notes) {
    }

    /** A source's sampled columns and the role guessed for each. */
    record Table(List<Source> sources, List<ColumnProfile> columns, Roles roles) {

        Source source() {
            return sources.get(0);
        }

        List<String> names() {
            return columns.stream().map(c -> c.name).toList();
        }
    }

    /**
     * What each column is taken for.
     *
     * @param rowIsUnit a transaction log without a quantity column: each row is one unit sold
     * @param wideNumbered wide sales columns numbered after a prefix ({@code d_1}, {@code d_2}, ...): periods of a
     *        calendar when a calendar table dates them, else periods since launch
     * @param numbers a catalogue's number attributes (a weight, a pack size, a count of photos)
     * @param counted how the sales date column counts its dates, when it is a number (else null)
     */
    record Roles(ColumnProfile id, ColumnProfile date, String datePattern, ColumnProfile units,
            boolean rowIsUnit, ColumnProfile region, ColumnProfile price, ColumnProfile launchDate,
            String launchPattern, ColumnProfile text, List<ColumnProfile> attributes, List<ColumnProfile> wide,
            String wideDates, boolean wideNumbered, List<ColumnProfile> numbers, Counted counted) {

        boolean sales() {
            return id != null && (date != null && (units != null || rowIsUnit) || !wide.isEmpty());
        }

        /** The same roles with {@code other} as the sales date (found through another table). */
        Roles datedBy(ColumnProfile other) {
            return new Roles(id, other, other.datePattern(), units, rowIsUnit, region, price, launchDate,
                    launchPattern, text, attributes, wide, wideDates, wideNumbered, numbers, null);
        }

        /** A series by date, a column per term (search trends, weather): no product, numbers beside a date. */
        boolean signals(List<ColumnProfile> columns) {
            return id == null && units == null && date != null
                    && columns.stream().filter(ColumnProfile::numeric).count() >= 2;
        }

        boolean products() {
            return id != null && !sales() && (launchDate != null || text != null || !attributes.isEmpty()
                    || price != null);
        }
    }

    private MappingDraft() {
    }

    /** Drafts the mapping and training configuration of the data files under {@code folder}, named after it. */
    public static Draft of(Path folder) throws IOException {
        return of(folder, folder.toAbsolutePath().normalize().getFileName().toString());
    }

    /** Drafts the mapping ({@code name}, made a mapping name) and training configuration of the files under {@code folder}. */
    public static Draft of(Path folder, String name) throws IOException {
        name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
        name = name.isEmpty() ? "my-data" : name;
        List<Table> tables = new ArrayList<>();
        List<Table> unmapped = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // files of the same columns apart from their names (train.csv and test.csv) are one source, profiled as one
        Map<List<String>, List<Source>> sameColumns = new LinkedHashMap<>();
        Map<Source, List<ColumnProfile>> profiles = new java.util.HashMap<>();
        for (Source source : DraftFiles.sources(folder)) {
            List<ColumnProfile> profile = DraftFiles.profile(List.of(source));
            profiles.put(source, profile);
            sameColumns.computeIfAbsent(Stream.concat(Stream.of(source.type()), profile.stream().map(c -> c.name))
                    .toList(), k -> new ArrayList<>()).add(source);
        }
        for (List<Source> sources : sameColumns.values()) {
            // one source's profile stands; files merged are profiled together, so that their values count as one
            List<ColumnProfile> columns = sources.size() == 1 ? profiles.get(sources.get(0))
                    : DraftFiles.profile(sources);
            Roles roles = roles(columns);
            (roles.sales() || roles.products() || roles.signals(columns) ? tables : unmapped)
                    .add(new Table(sources, columns, roles));
        }
        WideCalendar calendar = TableLinks.wideCalendar(tables, unmapped);
        OrderDates orders = TableLinks.orderDates(tables, unmapped);
        if (orders != null) {
            tables.remove(orders.header());
            unmapped.remove(orders.header());
        }
        for (Table t : unmapped) {
            if (calendar == null || t != calendar.table()) {
                notes.add("not mapped: " + String.join(", ", t.sources().stream().map(Source::glob).toList())
                        + " (no product id with sales dates and units, nor product attributes, found in its columns "
                        + t.names() + ")");
            }
        }
        if (tables.stream().noneMatch(t -> t.roles().sales())) {
            notes.add("no source with a product id, a sales date and units was found: map the sales by hand"
                    + " (docs/mapping.md, sources.sales)");
        }
        tables.stream().filter(t -> t.roles().sales() && t.roles().counted() != null && !t.roles().counted().known())
                .forEach(t -> notes.add(t.roles().date().name + " of " + t.source().glob() + " numbers its "
                        + t.roles().counted().unit() + "s from a date the data does not give: "
                        + t.roles().counted().from() + " stands in for the day before the first (sales.date.counts.from);"
                        + " set the real one for the calendar features and the cutoff"));
        tables.stream().filter(t -> t.roles().sales()).filter(t -> !whole(t.roles())).forEach(t -> notes.add(
                "the sampled units of " + t.source().glob() + " are fractions: a normalised export needs its scale"
                        + " (sales.scale: the units of 1.0); the draft rounds them (sales.rounding: half-up)"));
        String mapping = mapping(name, tables, notes, calendar, orders);
        String training = training(tables, calendar);
        try {
            MappingReader.read(mapping, "draft");
        } catch (InvalidMappingException e) {
            e.problems().forEach(p -> notes.add("the draft is not yet a valid mapping: " + p));
        }
        StringBuilder head = new StringBuilder();
        notes.forEach(n -> head.append("# CHECK: ").append(n).append('\n'));
        return new Draft(head + mapping, training, List.copyOf(notes));
    }

    /** The role each column most likely plays, from its name first and its values second. */
    private static Roles roles(List<ColumnProfile> columns) {
        List<ColumnProfile> wide = columns.stream().filter(c -> c.name.matches("[0-9]+") && c.numeric()).toList();
        String wideDates = null;
        if (wide.size() < 4) {
            wideDates = ColumnProfile.DATE_PATTERNS.stream().filter(p -> !p.contains("H"))
                    .filter(p -> columns.stream().filter(c -> c.numeric() && headerDate(c.name, p)).count() >= 4)
                    .findFirst().orElse(null);
            String pattern = wideDates;
            wide = pattern == null ? List.of()
                    : columns.stream().filter(c -> c.numeric() && headerDate(c.name, pattern)).toList();
        }
        boolean wideNumbered = false;
        if (wide.isEmpty()) {
            // the largest group of number columns named by one prefix and a number: d_1, d_2, ...
            Map<String, List<ColumnProfile>> byPrefix = new LinkedHashMap<>();
            for (ColumnProfile c : columns) {
                java.util.regex.Matcher m = NUMBERED.matcher(c.name);
                if (c.numeric() && m.matches()) {
                    byPrefix.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(c);
                }
            }
            wide = byPrefix.values().stream().filter(g -> g.size() >= 4).max(Comparator.comparingInt(List::size))
                    .orElse(List.of());
            wideNumbered = !wide.isEmpty();
        }
        List<ColumnProfile> left = new ArrayList<>(columns.stream().filter(c -> !c.isEmpty()).toList());
        left.removeAll(wide);
        Predicate<ColumnProfile> notAnId = c -> !c.named("id", "code", "nbr", "no", "number", "key");
        ColumnProfile units = take(left, c -> c.numeric() && notAnId.test(c) && c.named("qty", "quantity", "units",
                "unit sales", "sold", "cnt", "count", "pieces", "demand", "volume"));
        units = units != null ? units : take(left, c -> c.numeric() && notAnId.test(c) && c.named("sales", "n"));
        ColumnProfile launchDate = take(left, c -> c.datePattern() != null
                && c.named("release", "launch", "launched", "introduced", "first", "available"));
        ColumnProfile date = take(left, c -> c.datePattern() != null && !logistics(c) && c.named("date", "day",
                "time", "timestamp", "created", "at", "week", "month", "period", "dat"));
        if (date == null && units != null) {
            date = take(left, c -> c.datePattern() != null && !logistics(c));
        }
        // days or weeks written as their numbers (day 1, 2, ... of the data; days since 1970; spreadsheet days)
        Counted counted = null;
        for (String unit : date == null && units != null ? List.of("day", "week") : List.<String>of()) {
            ColumnProfile numbered = take(left, c -> c.numeric() && c.wholeNumbers() && !c.hasNegatives()
                    && c.named(unit) && !c.named("of") && c.distinct() >= (unit.equals("day") ? 28 : 8));
            if (numbered != null) {
                date = numbered;
                counted = Counted.of(unit, numbered.largest());
                break;
            }
        }
        if (date == null && units == null && launchDate == null) {
            launchDate = take(left, c -> c.datePattern() != null && !logistics(c));
        }
        // an order's id is no product's; an order's line item's sku is
        Predicate<ColumnProfile> notOfAnEvent = c -> !c.named(EVENTS)
                && !(c.is("id", "no", "nbr", "number", "key", "code") && c.parentNamed(EVENTS));
        ColumnProfile id = take(left, c -> notOfAnEvent.test(c) && c.named("sku", "product id", "item id",
                "article id", "product code", "item code", "stockcode", "stock code", "external code", "product nbr",
                "item nbr", "product number", "item number"));
        id = id != null ? id : take(left, c -> notOfAnEvent.test(c) && c.is("product", "item", "article", "sku",
                "code", "id"));
        id = id != null ? id : take(left, c -> notOfAnEvent.test(c) && c.named("code", "id", "handle", "ean", "upc",
                "asin", "style", "model", "nbr", "number"));
        ColumnProfile region = take(left, c -> c.named("store", "shop", "region", "country", "market", "channel",
                "location", "warehouse", "outlet") && c.distinct() <= 5000);
        ColumnProfile price = take(left, c -> c.numeric() && !c.hasNegatives() && c.named("price", "unit price",
                "unitprice", "list price", "retail price", "sell price"));
        // of several texts (a name and a description), the one of most words: it says most about the product
        ColumnProfile text = left.stream().filter(c -> c.textual() && c.meanWords() >= 2 && c.named("description",
                "name", "title", "text", "desc", "label")).max(Comparator.comparingDouble(ColumnProfile::meanWords))
                .orElse(null);
        left.remove(text);
        List<ColumnProfile> attributes = new ArrayList<>();
        for (ColumnProfile c : List.copyOf(left)) {
            // a class or group written as a number is still a category
            boolean category = !c.numeric() || c.wholeNumbers() && c.named(CATEGORY_WORDS) && notAnId.test(c);
            if (attributes.size() < 8 && category && c.datePattern() == null && notOfAnEvent.test(c)
                    && c.meanWords() < 3 && !c.is("id", "key", "index", "row", "uuid", "guid")
                    && c.distinct() >= 2 && c.distinct() <= 200 && (c.values() < 20 || c.distinct() <= 0.5 * c.values())) {
                attributes.add(c);
                left.remove(c);
            }
        }
        // dated rows of products without a quantity, by customer or order, or repeating their products: a log of
        // purchases, one unit each (a catalogue's rows name each product once)
        ColumnProfile product = id;
        // a number column that is no id, price, amount of money or region could be a quantity or a count of other
        // things: no log. Without a date of its own, its lines may be dated by their order (TableLinks.orderDates).
        boolean otherNumbers = left.stream().anyMatch(c -> c.numeric() && notAnId.test(c) && !c.named(MONEY));
        boolean ofEvents = columns.stream().anyMatch(c -> c != product && c.named(EVENTS_OF_A_LOG));
        boolean rowIsUnit = units == null && wide.isEmpty() && id != null && !otherNumbers
                && (ofEvents || id.distinct() <= 0.5 * id.values());
        // a catalogue (a row a product, no date, no order) has attributes in numbers: a count of photos is no sale
        List<ColumnProfile> numbers = new ArrayList<>();
        if (id != null && wide.isEmpty() && date == null && !ofEvents && id.distinct() >= 0.9 * id.values()) {
            if (units != null) {
                left.add(0, units);
                units = null;
                rowIsUnit = false;
            }
            left.stream().filter(c -> c.numeric() && notAnId.test(c) && !c.named(MONEY) && !c.named(AFTER_LAUNCH)
                    && !(c.wholeNumbers() && c.named(CATEGORY_WORDS))).limit(8).forEach(numbers::add);
        }
        return new Roles(id, date, date == null ? null : date.datePattern(), units, rowIsUnit, region, price,
                launchDate, launchDate == null ? null : launchDate.datePattern(), text, attributes, wide, wideDates,
                wideNumbered, List.copyOf(numbers), counted);
    }

    /**
     * Dates written as whole numbers of a unit after a date: {@code from} is that date where the numbers' size tells
     * it (days since 1970, a spreadsheet's days since 1899-12-30), else a stand-in the data does not give.
     */
    public record Counted(String unit, LocalDate from, boolean known) {

        public static Counted of(String unit, double largest) {
            if (unit.equals("day") && largest >= 10_000 && largest < 30_000) {
                return new Counted(unit, LocalDate.of(1970, 1, 1), true);
            }
            if (unit.equals("day") && largest >= 30_000 && largest <= 60_000) {
                return new Counted(unit, LocalDate.of(1899, 12, 30), true);
            }
            return new Counted(unit, STAND_IN, false);
        }

        /** The date of a count. */
        LocalDate date(long count) {
            return unit.equals("day") ? from.plusDays(count) : from.plusWeeks(count);
        }
    }

    /** The day before day 1 of data that numbers its days from its own start: a Sunday, so its weeks are Mondays'. */
    static final LocalDate STAND_IN = LocalDate.of(2000, 1, 2);

    /** A column of these names makes rows of a table events (purchases), not a catalogue's products. */
    static final String[] EVENTS_OF_A_LOG = {"customer", "order", "transaction", "invoice", "basket", "receipt",
        "session", "user", "visitor", "household"};
    /** Columns of orders and other events (and their lines), never a product's attribute or id. */
    private static final String[] EVENTS = Stream.concat(Stream.of(EVENTS_OF_A_LOG), Stream.of("line", "row", "index"))
            .toArray(String[]::new);
    /** Amounts of money beside a line's product: no quantity sold. */
    private static final String[] MONEY = {"price", "freight", "shipping", "tax", "vat", "fee", "cost", "amount",
        "total", "revenue", "discount", "paid", "payment", "charge", "margin"};
    /** Numbers a catalogue may carry that are known only once a product sells: a leak as a launch attribute. */
    private static final String[] AFTER_LAUNCH = {"review", "reviews", "rating", "ratings", "rank", "sold", "sales",
        "stock", "inventory", "views", "clicks", "orders", "returns", "returned", "popularity", "score", "stars"};
    /** Categories some exports number (a class, a department): whole numbers that are codes, not quantities. */
    private static final String[] CATEGORY_WORDS = {"class", "group", "type", "category", "family", "department",
        "dept", "section", "division", "segment", "subclass", "manufacturer", "brand", "vendor", "supplier", "maker"};

    /**
     * A date of the goods' way to the customer (shipped, delivered, a shipping limit, an estimate): after the sale,
     * and no date of it.
     */
    static boolean logistics(ColumnProfile c) {
        return c.named("ship", "shipping", "shipped", "shipment", "delivery", "delivered", "limit", "estimated",
                "due", "carrier", "dispatch", "dispatched", "arrival", "expiry", "expiration", "return", "returned");
    }

    private static boolean headerDate(String header, String pattern) {
        try {
            io.launchcast.ingestion.mapping.DatePatterns.formatter(pattern).parse(header, LocalDate::from);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** Removes and returns the first column the test accepts. */
    private static ColumnProfile take(List<ColumnProfile> columns, Predicate<ColumnProfile> test) {
        for (ColumnProfile column : columns) {
            if (test.test(column)) {
                columns.remove(column);
                return column;
            }
        }
        return null;
    }

    private static String mapping(String name, List<Table> tables, List<String> notes, WideCalendar calendar,
                                  OrderDates orders) {
        Table sales = tables.stream().filter(t -> t.roles().sales()).findFirst().orElse(null);
        // a table of the stores (regions) the sales are by describes no product: the region stays its id
        ColumnProfile region = sales == null ? null : sales.roles().region();
        List<Table> regionTables = tables.stream().filter(t -> region != null && t != sales && t.roles().products()
                && t.roles().id().name.equals(region.name)).toList();
        regionTables.forEach(t -> notes.add("not mapped: " + t.source().glob() + " (it describes the sales' regions, "
                + region.name + ": a region is kept as its id)"));
        // wide sales by calendar day without a launch date (an M5-shaped export): the same rows name the products
        // and their attributes, read as a catalogue of their own
        Table wideItems = sales != null && !sales.roles().wide().isEmpty() && sales.roles().launchDate() == null
                && !TableLinks.itemAttributes(sales.roles()).isEmpty() ? sales : null;
        List<Lookup> found = TableLinks.lookups(tables, wideItems);
        List<Table> products = tables.stream().filter(t -> TableLinks.catalogue(t) && !regionTables.contains(t)
                && found.stream().noneMatch(l -> l.table() == t)).toList();
        boolean itemsFromSales = wideItems != null && products.isEmpty();
        // lookups of the sales rows' products only when those are read as a catalogue
        List<Lookup> lookups = found.stream().filter(l -> l.catalogue() != wideItems || itemsFromSales).toList();
        boolean launchColumn = products.stream().anyMatch(t -> t.roles().launchDate() != null);
        boolean monthly = sales != null && sales.roles().date() != null
                && sales.roles().date().firstsOfMonths(sales.roles().datePattern());
        boolean returns = sales != null && sales.roles().units() != null && sales.roles().units().hasNegatives();
        boolean launchAttributes = sales != null && products.isEmpty() && !itemsFromSales
                && (sales.roles().price() != null || sales.roles().text() != null
                        || !sales.roles().attributes().isEmpty());
        // a catalogue without prices beside sales lines that have them: each product's price of its launch week
        boolean launchPrice = sales != null && sales.roles().price() != null && (launchAttributes
                || !products.isEmpty() && !products.contains(sales) && !itemsFromSales
                        && products.stream().noneMatch(t -> t.roles().price() != null)
                        && lookups.stream().noneMatch(Lookup::prices));
        StringBuilder y = new StringBuilder();
        y.append("# A first mapping drafted from a sample of the files (MappingDraft): every guess is marked; check them\n")
                .append("# with docs/mapping.md, then `forecast-service/accuracy.sh <this folder>` ingests and scores it.\n");
        y.append("name: ").append(name).append("\nversion: 1\n");
        y.append("period: ").append(monthly ? "month             # guessed: every sampled sales date is a first of its month"
                : "week              # or day, month: the period sales are summed to").append('\n');
        y.append("default-region: all\n");
        if (returns) {
            y.append("clip-negative-periods: true       # guessed: negative units (returns) were sampled\n");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        // a catalogue's attributes; without one, those of the sales rows, taken around each launch
        for (Table t : products.isEmpty() && sales != null ? List.of(sales) : products) {
            if (itemsFromSales) {
                TableLinks.itemAttributes(t.roles()).forEach(a -> attributes.putIfAbsent(key(a.name), "string"));
            } else {
                declare(attributes, t.roles());
            }
            lookups.stream().filter(l -> l.catalogue() == t && !l.prices())
                    .forEach(l -> declare(attributes, l.table().roles()));
        }
        if (!attributes.isEmpty()) {
            y.append("attributes:\n");
            attributes.forEach((a, type) -> y.append("  ").append(a).append(": ").append(type)
                    .append(type.equals("text") ? "              # guessed: free text (tokenised)" : "").append('\n'));
        }
        if (!launchColumn) {
            y.append("launch:\n  date: first-sale                  # guessed: no launch date column was found\n")
                    .append("  left-censoring: {within-days: 56}  # guessed: products first sold in the data's first 8"
                            + " weeks were likely on sale before it: history, not launches\n");
        }
        if (launchAttributes || launchPrice) {
            y.append("launch-attributes:                  # what is known at launch, from the launch week's sales\n")
                    .append("  window: {from: 0, to: 0}\n");
            if (launchPrice) {
                y.append("  price: {median: price}\n");
            }
            if (launchAttributes && (sales.roles().text() != null || !sales.roles().attributes().isEmpty())) {
                y.append("  attributes:\n");
                for (ColumnProfile a : launchValues(sales.roles())) {
                    y.append("    ").append(key(a.name)).append(": {most-frequent: ").append(key(a.name))
                            .append("}\n");
                }
            }
        }
        y.append("sources:\n");
        if (orders != null) {
            y.append("  - name: ").append(sourceName(orders.header(), false)).append('\n');
            files(y, orders.header());
            y.append("    lookup: {key: ").append(q(orders.key())).append("}   # guessed: the orders of ")
                    .append(orders.lines().source().glob()).append(", read for their dates\n");
        }
        for (Lookup l : lookups) {
            y.append("  - name: ").append(sourceName(l.table(), false)).append('\n');
            files(y, l.table());
            y.append("    lookup: {key: ").append(q(l.table().roles().id().name)).append(l.prices()
                    ? ", repeated: first}   # guessed: a price list, several rows a product: its first price stands\n"
                    : "}   # guessed: " + l.catalogue().source().glob() + "'s " + l.key().name + " refers to it\n");
        }
        if (itemsFromSales) {
            y.append("  - name: items\n");
            files(y, sales);
            y.append("    products:\n      product-id: ").append(q(sales.roles().id().name))
                    .append("   # guessed: the sales rows' products; a product's row in each further region is a"
                            + " duplicate, counted\n");
            lookups.stream().filter(l -> l.catalogue() == sales && l.prices()).findFirst().ifPresent(l -> y
                    .append("      price: ").append(lookedUp(l, l.table().roles().price())).append('\n'));
            y.append("      attributes:\n");
            TableLinks.itemAttributes(sales.roles()).forEach(a -> y.append("        ").append(key(a.name)).append(": ")
                    .append(q(a.name)).append('\n'));
        }
        List<Table> ordered = new ArrayList<>(products);
        tables.stream().filter(t -> !products.contains(t) && !regionTables.contains(t)
                && (calendar == null || t != calendar.table())
                && lookups.stream().noneMatch(l -> l.table() == t)).forEach(ordered::add);
        for (Table t : ordered) {
            if (t.roles().sales() && t != sales && !products.contains(t)) {
                notes.add("not mapped: " + t.source().glob() + " (sales of their own; the draft maps "
                        + sales.source().glob() + "'s: add it as a source of the same sales by hand if it is more)");
            } else if (t.roles().sales() || products.contains(t)) {
                source(y, t, t == sales, launchAttributes, launchPrice, returns, products.contains(t),
                        lookups.stream().filter(l -> l.catalogue() == t && !itemsFromSales).toList(), calendar,
                        orders != null && orders.lines() == t ? orders : null);
            } else {
                signals(y, t);
            }
        }
        return y.toString();
    }

    /** A field found through a lookup, its missing keys leaving it empty. */
    private static String lookedUp(Lookup l, ColumnProfile column) {
        return "{column: " + q(l.key().name) + ", lookup: {source: " + sourceName(l.table(), false) + ", column: "
                + q(column.name) + ", missing: empty}}   # guessed";
    }

    /** The attributes of a table's roles: categories as strings, numbers as integers or doubles, its text as text. */
    private static void declare(Map<String, String> attributes, Roles roles) {
        roles.attributes().forEach(a -> attributes.putIfAbsent(key(a.name), "string"));
        roles.numbers().forEach(n -> attributes.putIfAbsent(key(n.name), n.wholeNumbers() ? "integer" : "double"));
        if (roles.text() != null) {
            attributes.putIfAbsent(key(roles.text().name), "text");
        }
    }

    private static void source(StringBuilder y, Table t, boolean sales, boolean launchAttributes,
            boolean launchPrice, boolean returns,
            boolean products, List<Lookup> lookups, WideCalendar calendar, OrderDates orders) {
        Roles r = t.roles();
        y.append("  - name: ").append(sourceName(t, sales)).append('\n');
        files(y, t);
        if (sales && r.wide().isEmpty()) {
            exclusions(y, r);
        }
        if (products) {
            y.append("    products:\n      product-id: ").append(q(r.id().name)).append("   # guessed\n");
            if (r.launchDate() != null) {
                y.append("      launch-date: ").append(field(r.launchDate().name, r.launchPattern())).append('\n');
            }
            if (r.price() != null) {
                y.append("      price: ").append(q(r.price().name)).append('\n');
            } else {
                lookups.stream().filter(Lookup::prices).findFirst().ifPresent(l -> y.append("      price: ")
                        .append(lookedUp(l, l.table().roles().price())).append('\n'));
            }
            List<ColumnProfile> attributes = new ArrayList<>(r.attributes());
            if (r.text() != null) {
                attributes.add(r.text());
            }
            attributes.addAll(r.numbers());
            List<Lookup> references = lookups.stream().filter(l -> !l.prices()).toList();
            if (!attributes.isEmpty() || !references.isEmpty()) {
                y.append("      attributes:\n");
                attributes.forEach(a -> y.append("        ").append(key(a.name)).append(": ").append(q(a.name))
                        .append('\n'));
                for (Lookup l : references) {
                    launchValues(l.table().roles()).forEach(a -> y.append("        ").append(key(a.name))
                            .append(": ").append(lookedUp(l, a)).append('\n'));
                }
            }
        }
        if (sales) {
            y.append("    sales:\n");
            if (!products) {
                y.append("      product-id: ").append(q(r.id().name)).append("   # guessed\n");
            }
            if (r.region() != null) {
                y.append("      region: ").append(q(r.region().name)).append("   # guessed\n");
            }
            if (!r.wide().isEmpty()) {
                String columns = r.wideNumbered() ? "columns-matching: " + q(widePattern(r.wide()))
                        : "columns: [" + String.join(", ", r.wide().stream().map(c -> q(c.name)).toList()) + "]";
                y.append("      wide: {").append(r.wideDates() != null
                        ? "columns-matching: " + q(widePattern(r.wide())) + ", column-dates: " + q(r.wideDates())
                                + "}   # guessed: each column's name is its date"
                        : r.wideNumbered() && calendar != null
                        ? columns + ", anchor: {constant: " + calendar.anchor() + "}, step: " + calendar.step()
                                + "}   # guessed: " + calendar.table().source().glob() + " dates "
                                + r.wide().get(0).name + " " + calendar.anchor() + ", each next column a "
                                + calendar.step() + " later"
                        : columns + "}   # guessed: column i is period i since launch").append('\n');
            } else {
                y.append("      date: ").append(orders == null ? r.counted() != null ? counted(r.date(), r.counted())
                        : field(r.date().name, r.datePattern())
                        : "{column: " + q(orders.key()) + ", lookup: {source: " + sourceName(orders.header(), false)
                                + ", column: " + q(r.date().name) + "}" + (r.datePattern().startsWith("yyyy-MM-dd")
                                ? "" : ", format: " + q(r.datePattern())) + "}   # guessed: each line's date is its"
                                + " order's").append('\n');
                y.append("      units: ").append(r.units() == null
                        ? "{constant: \"1\"}   # guessed: no quantity column; each row is one unit sold"
                        : q(r.units().name) + "   # guessed").append('\n');
            }
            if (!whole(r)) {
                y.append("      rounding: half-up             # CHECK: fractions were sampled; scale: <units of 1.0>?\n");
            }
            if (returns) {
                y.append("      returns: true                 # negative units net out in their period\n");
            }
            if (launchAttributes || launchPrice) {
                y.append("      values:\n");
                if (launchPrice) {
                    y.append("        price: ").append(q(r.price().name)).append('\n');
                }
                for (ColumnProfile a : launchAttributes ? launchValues(r) : List.<ColumnProfile>of()) {
                    y.append("        ").append(key(a.name)).append(": ").append(q(a.name)).append('\n');
                }
            }
        }
    }

    /**
     * The rules a person would write to leave out lines that are no demand for goods: product codes without a digit
     * among numbered codes (postage, fees, manual lines) and lines at a price of 0 (stock adjustments, samples).
     */
    private static void exclusions(StringBuilder y, Roles r) {
        List<String> services = r.id() == null ? List.of() : r.id().wordsAmongCodes();
        boolean free = r.price() != null && r.price().hasZero();
        if (services.isEmpty() && !free) {
            return;
        }
        y.append("    exclude:                          # first matching rule wins; each is counted\n");
        if (!services.isEmpty()) {
            y.append("      - rule: non-goods                 # guessed: codes without a digit among numbered ones "
                    + "(postage, fees?); rows not sampled may hold more\n        value: ").append(q(r.id().name))
                    .append("\n        in: [").append(String.join(", ", services.stream().map(MappingDraft::q).toList()))
                    .append("]\n");
        }
        if (free) {
            y.append("      - rule: not-demand                # guessed: lines at a price of 0 (adjustments, samples)\n")
                    .append("        value: ").append(q(r.price().name)).append("\n        at-most: 0\n");
        }
    }

    /** The source name of a table: its file's, or what it holds when that is no name. */
    private static String sourceName(Table t, boolean sales) {
        String base = baseName(t);
        return t.sources().size() > 1 || base == null ? (sales ? "sales" : "products") : base;
    }

    /** The table's file name as a source name (letters, digits and {@code _}), or null when it makes none. */
    private static String baseName(Table t) {
        String base = t.source().glob().replaceAll("\\..*$", "").replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("^_+|_+$", "").toLowerCase(Locale.ROOT);
        return base.isEmpty() || !Character.isLetter(base.charAt(0)) ? null : base;
    }

    /** A source's files and format. */
    private static void files(StringBuilder y, Table t) {
        Source s = t.source();
        y.append("    files: [").append(String.join(", ", t.sources().stream().map(f -> "{match: " + q(f.glob())
                + (f.split() == null ? "" : ", split: " + f.split()) + "}").toList())).append("]\n");
        List<String> format = new ArrayList<>();
        if (!s.type().equals("csv")) {
            format.add("type: " + s.type());
        }
        if (s.delimiter() != null && !s.delimiter().equals(",")) {
            format.add("delimiter: " + (s.delimiter().equals("\t") ? "\"\\t\"" : q(s.delimiter())));
        }
        if (s.multiline()) {
            format.add("multiline: true");
        }
        if (s.records() != null) {
            format.add("records: " + s.records());
        }
        if (s.explode() != null) {
            format.add("explode: " + s.explode());
        }
        if (!format.isEmpty()) {
            y.append("    format: {").append(String.join(", ", format)).append("}").append(s.explode() != null
                    ? "   # guessed: each element of " + s.explode() + " is a row"
                    : s.multiline() ? "   # guessed: quoted values span lines" : "").append('\n');
        }
    }

    /** Whether the sales are whole units (a normalised export writes fractions). */
    private static boolean whole(Roles roles) {
        return roles.units() != null ? roles.units().wholeNumbers()
                : roles.wide().stream().allMatch(ColumnProfile::wholeNumbers);
    }

    /** A series source: the signal named after its file, one term per column. */
    private static void signals(StringBuilder y, Table t) {
        String name = baseName(t) == null ? "signal" : baseName(t);
        y.append("  - name: ").append(name).append('\n');
        files(y, t);
        y.append("    signals:                          # guessed: a series by date, one column per term\n");
        y.append("      signal: {constant: ").append(name).append("}\n");
        y.append("      date: ").append(field(t.roles().date().name, t.roles().datePattern())).append('\n');
        List<ColumnProfile> series = t.columns().stream().filter(c -> c != t.roles().date()).toList();
        Set<String> markers = new TreeSet<>();
        series.forEach(c -> markers.addAll(c.wordMarkers()));
        // one negative number however written (-1, -1.0: Google Trends), in series otherwise never negative, is a
        // marker, even filling a column (a term without data); varied negatives (a temperature) are values
        Set<String> negatives = new TreeSet<>();
        series.forEach(c -> negatives.addAll(c.negativeTexts()));
        if (!negatives.isEmpty() && series.stream().anyMatch(ColumnProfile::hasNonNegativeNumbers) && negatives.stream()
                .map(v -> Double.parseDouble(NumberNotation.PLAIN.canonical(v))).distinct().count() == 1) {
            markers.addAll(negatives);
        }
        if (markers.isEmpty()) {
            y.append("      wide: {all-other-columns: true}   # CHECK: a value meaning 'no value' goes in missing: [...]\n");
        } else {
            y.append("      wide: {all-other-columns: true, missing: [")
                    .append(markers.stream().map(MappingDraft::quoted).collect(Collectors.joining(", ")))
                    .append("]}   # guessed: values meaning 'no value'\n");
        }
    }

    /** The values a launch's attributes are taken from when there is no catalogue: its text and attributes. */
    private static List<ColumnProfile> launchValues(Roles roles) {
        List<ColumnProfile> values = new ArrayList<>(roles.attributes());
        if (roles.text() != null) {
            values.add(roles.text());
        }
        return values;
    }

    private static String widePattern(List<ColumnProfile> wide) {
        String first = wide.get(0).name;
        return first.replaceAll("[0-9]", "[0-9]").replaceAll("(\\[0-9\\])+", "[0-9]+");
    }

    /** A date field: the column alone for ISO dates and timestamps, with its pattern otherwise. */
    private static String counted(ColumnProfile column, Counted counted) {
        return "{column: " + q(column.name) + ", counts: {unit: " + counted.unit() + ", from: " + counted.from()
                + "}}   # " + (counted.known() ? "guessed: " + counted.unit() + "s since " + counted.from()
                        : "CHECK: " + counted.unit() + "s are numbered from a date the data does not give; "
                                + counted.from() + " stands in (set it for real calendar features)");
    }

    private static String field(String column, String pattern) {
        return pattern == null || pattern.startsWith("yyyy-MM-dd") ? q(column)
                : "{column: " + q(column) + ", format: " + q(pattern) + "}";
    }

    /** An attribute or source name made of a column's: lower case, letters, digits and {@code _}. */
    static String key(String column) {
        String key = column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return key.isEmpty() || !Character.isLetter(key.charAt(0)) ? "c_" + key : key;
    }

    /** A YAML scalar, quoted unless plain. */
    static String q(String value) {
        return value.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? value : quoted(value);
    }

    /** Always quoted: a marker such as NA or -1 must stay the text it is, not YAML's null or number. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String training(List<Table> tables, WideCalendar calendar) {
        Table sales = tables.stream().filter(t -> t.roles().sales()).findFirst().orElse(null);
        boolean splitColumn = tables.stream().flatMap(t -> t.sources().stream()).anyMatch(f -> "test".equals(f.split()));
        boolean monthly = sales != null && sales.roles().date() != null
                && sales.roles().date().firstsOfMonths(sales.roles().datePattern());
        StringBuilder y = new StringBuilder();
        y.append("# A first training configuration drafted with the mapping (docs/model-config.md); the model settings\n")
                .append("# are left to their defaults, as for every data project.\n");
        int wide = sales == null || sales.roles().wideDates() != null || calendar != null ? 0
                : sales.roles().wide().size();
        y.append("horizon: ").append(wide > 0 ? wide : monthly ? 6 : 12).append(wide > 0
                ? "            # guessed: the periods of the sales columns" : "            # periods forecast after each launch")
                .append('\n');
        y.append("quantiles: [0.1, 0.5, 0.9]\n");
        y.append("split:\n");
        if (splitColumn) {
            y.append("  column: split        # guessed: the files named train and test\n")
                    .append("  fitValue: train\n  testValue: test\n");
        } else {
            LocalDate cutoff = calendar != null ? calendarCutoff(calendar, sales.roles().wide().size())
                    : cutoff(sales, monthly);
            y.append("  cutoff: ").append(cutoff == null ? "2024-01-01   # CHECK: no sales dates were read"
                    : cutoff + "   # guessed: 70 % through the " + (calendar != null ? "dated sales columns"
                            : "sampled sales dates") + "; launches on or after it are the test set").append('\n');
        }
        return y.toString();
    }

    /** 70 % through the dates of a calendar's columns, on a Monday. */
    private static LocalDate calendarCutoff(WideCalendar calendar, int columns) {
        long steps = (long) Math.floor(0.7 * columns);
        LocalDate date = switch (calendar.step()) {
            case "day" -> calendar.anchor().plusDays(steps);
            case "week" -> calendar.anchor().plusWeeks(steps);
            default -> calendar.anchor().plusMonths(steps);
        };
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate cutoff(Table sales, boolean monthly) {
        if (sales == null || sales.roles().date() == null) {
            return null;
        }
        Counted counted = sales.roles().counted();
        List<LocalDate> dates = counted == null ? sales.roles().date().dates(sales.roles().datePattern())
                : sales.roles().date().sampledNumbers().stream().map(n -> counted.date(n.longValue())).toList();
        if (dates.isEmpty()) {
            return null;
        }
        LocalDate first = dates.stream().min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = dates.stream().max(Comparator.naturalOrder()).orElseThrow();
        LocalDate cutoff = first.plusDays(Math.round(ChronoUnit.DAYS.between(first, last) * 0.7));
        return monthly ? cutoff.withDayOfMonth(1) : cutoff.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

}
