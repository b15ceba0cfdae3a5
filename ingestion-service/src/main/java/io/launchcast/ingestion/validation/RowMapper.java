package io.launchcast.ingestion.validation;

import io.launchcast.ingestion.mapping.DatePatterns;
import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.Mapping.Attribute;
import io.launchcast.ingestion.mapping.NumberNotation;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.mapping.SourceSpec.FieldSpec;
import io.launchcast.ingestion.mapping.SourceSpec.WideSpec;
import io.launchcast.ingestion.source.SourceRecord;
import io.launchcast.ingestion.validation.CanonicalRows.Mapped;
import io.launchcast.ingestion.validation.CanonicalRows.ProductRow;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import io.launchcast.ingestion.validation.CanonicalRows.SignalRow;
import io.launchcast.ingestion.validation.CanonicalRows.TransactionRow;
import io.launchcast.ingestion.mapping.SourceSpec.ExcludeRule;
import java.time.ZoneOffset;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.launchcast.platform.schema.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one source's mapping to its rows: pulls each canonical value from its column (or constant),
 * parses it to its declared type and checks it. Compiled once per source file, so that each row costs only
 * array look-ups and parsing.
 */
public final class RowMapper {

    private final Mapping mapping;
    private final SourceSpec source;
    private final String split;
    private final List<String> columns = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, DateTimeFormatter> formats = new LinkedHashMap<>();
    /** Column position of each field, by identity: one array index per value instead of a hash look-up by name. */
    private final Map<FieldSpec, Integer> columnOf = new java.util.IdentityHashMap<>();
    private final List<String> signalTerms = new ArrayList<>();
    /** The wide sales columns, in the order they step through periods (listed, or named by the file). */
    private final List<String> salesColumns = new ArrayList<>();
    /** Their positions in a row, looked up once rather than once per cell. */
    private final int[] salesColumnIndex;
    /** The date of each wide sales column, from its name ({@code column-dates}); null otherwise. */
    private final LocalDate[] columnDays;
    private final int[] keyColumns;
    private final Lookups lookups;
    /** The compiled derivations of fields that are not a plain column ({@code extract}, {@code split}...). */
    private final Map<FieldSpec, Derivation> derivations = new IdentityHashMap<>();
    private final List<Exclusion> exclusions = new ArrayList<>();
    /** Whether each long sales row is also kept as it is (launches or launch attributes from the sales). */
    private final boolean keepsTransactions;
    /** The fields of the mapping's sales values, in the mapping's value order; null where this source has none. */
    private final FieldSpec[] transactionValues;
    /** Which kept values a launch attribute reads as numbers, written as Java reads them before they are kept. */
    private final boolean[] numericValues;
    private final NumberNotation notation;
    /** The notations of the lookup sources: a value found through a lookup is written as that source writes it. */
    private final Map<String, NumberNotation> lookupNotations = new HashMap<>();
    /** Columns read by optional fields and by the others: only the first may be absent from a file. */
    private final Set<String> optionalUses = new HashSet<>();
    private final Set<String> requiredUses = new HashSet<>();

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Joins the parts of a key of several columns: a character no export writes inside a value. */
    private static final String KEY_PARTS = "\u001f";

    /** A rule that leaves rows out, compiled. */
    private record Exclusion(String rule, FieldSpec value, Predicate<String> test) {
    }

    /**
     * @param sourceColumns the columns the source declares (needed to expand {@code all-other-columns})
     * @param split the split the matched file gives its products, or null
     */
    public RowMapper(Mapping mapping, SourceSpec source, List<String> sourceColumns, String split) {
        this(mapping, source, sourceColumns, split, new Lookups());
    }

    /**
     * @param lookups the rows of the run's lookup sources, which fields with {@code lookup} read
     */
    public RowMapper(Mapping mapping, SourceSpec source, List<String> sourceColumns, String split, Lookups lookups) {
        this.mapping = mapping;
        this.source = source;
        this.split = split;
        this.lookups = lookups;
        this.notation = NumberNotation.of(source.format());
        source.fields().filter(f -> f.lookup() != null).map(f -> f.lookup().source()).distinct()
                .forEach(name -> lookupNotations.put(name, NumberNotation.of(mapping.source(name).format())));
        if (source.lookup() != null) {
            mapping.lookupColumns(source.name()).forEach(this::use);
        }
        for (ExcludeRule rule : source.exclude()) {
            use(rule.value());
            exclusions.add(new Exclusion(rule.rule(), rule.value(), condition(rule)));
        }
        var products = source.products();
        if (products != null) {
            use(products.productId());
            use(products.launchDate());
            use(products.region());
            use(products.price());
            products.attributes().values().forEach(this::use);
        }
        var sales = source.sales();
        keepsTransactions = mapping.keepsTransactions() && sales != null
                && (sales.wide() == null || sales.wide().dated());
        List<String> valueNames = mapping.salesValues();
        transactionValues = new FieldSpec[valueNames.size()];
        numericValues = new boolean[valueNames.size()];
        Set<String> numeric = mapping.numericSalesValues();
        if (sales != null) {
            for (int i = 0; i < valueNames.size(); i++) {
                transactionValues[i] = sales.values().get(valueNames.get(i));
                numericValues[i] = numeric.contains(valueNames.get(i));
                use(transactionValues[i]);
            }
            use(sales.productId());
            use(sales.region());
            use(sales.date());
            use(sales.units());
            if (sales.wide() != null) {
                use(sales.wide().anchor());
                sales.wide().columns().forEach(this::use);
                salesColumns.addAll(sales.wide().columns());
            }
        }
        var signals = source.signals();
        if (signals != null) {
            use(signals.signal());
            use(signals.term());
            use(signals.date());
            use(signals.value());
        }
        source.key().forEach(this::use);
        if (sales != null && sales.wide() != null && sales.wide().columnsFromFile()) {
            List<String> named = columnsNamedByTheFile(sales.wide(), sourceColumns, "sales");
            named.forEach(this::use);
            salesColumns.addAll(named);
        }
        if (signals != null && signals.wide() != null) {
            List<String> terms = signals.wide().columnsFromFile()
                    ? columnsNamedByTheFile(signals.wide(), sourceColumns, "signals") : signals.wide().columns();
            terms.forEach(this::use);
            signalTerms.addAll(terms);
        }
        keyColumns = source.key().stream().mapToInt(index::get).toArray();
        salesColumnIndex = salesColumns.stream().mapToInt(index::get).toArray();
        columnDays = sales == null || sales.wide() == null || sales.wide().columnDates() == null ? null
                : columnDays(sales.wide().columnDates());
    }

    /** The date each wide sales column's name gives; a name that is not one stops the run, naming it. */
    private LocalDate[] columnDays(String pattern) {
        DateTimeFormatter format = DatePatterns.formatter(pattern);
        LocalDate[] days = new LocalDate[salesColumns.size()];
        for (int i = 0; i < days.length; i++) {
            String name = salesColumns.get(i).trim();
            try {
                days[i] = format.parse(name, LocalDate::from);
            } catch (DateTimeParseException e) {
                throw new UnusableColumnsException("source " + source.name() + ": the wide sales column '" + name
                        + "' is not a date of the form " + pattern + " (column-dates)");
            }
            if (!mapping.validDates().contains(days[i])) {
                throw new UnusableColumnsException("source " + source.name() + ": the wide sales column '" + name
                        + "' is " + days[i] + ", outside " + mapping.validDates().from() + " .. "
                        + mapping.validDates().to());
            }
        }
        return days;
    }

    /**
     * The columns a wide spec takes from the file's own list: every one the mapping does not use otherwise, or
     * those of them whose name matches {@code columns-matching}, in the file's order.
     */
    private List<String> columnsNamedByTheFile(SourceSpec.WideSpec wide, List<String> sourceColumns, String what) {
        if (sourceColumns.isEmpty()) {
            // JSON Lines rows name their own keys: there is no column list to take the columns from
            throw new UnusableColumnsException("source " + source.name() + ": wide " + what + " with "
                    + (wide.allOtherColumns() ? "all-other-columns" : "columns-matching")
                    + " need a source that declares its columns (CSV header or JDBC); list the columns instead");
        }
        Pattern matching = wide.columnsMatching() == null ? null : Pattern.compile(wide.columnsMatching());
        List<String> named = sourceColumns.stream().filter(c -> !index.containsKey(c) && !c.isBlank())
                .filter(c -> matching == null || matching.matcher(c).matches()).toList();
        if (named.isEmpty()) {
            throw new UnusableColumnsException("source " + source.name() + ": no column of " + sourceColumns
                    + " is left for the wide " + what + (matching == null ? "" : " matching " + matching));
        }
        return named;
    }

    private void use(FieldSpec field) {
        if (field == null) {
            return;
        }
        for (String column : field.sourceColumns()) {
            (field.optional() ? optionalUses : requiredUses).add(column);
            use(column);
        }
        if (!field.isPlainColumn() && field.constant() == null) {
            derivations.put(field, new Derivation(field));
        }
        if (field.column() != null) {
            columnOf.put(field, index.get(field.column()));
        }
        if (field.format() != null) {
            formats.put(field.format(), DatePatterns.formatter(field.format()));
        }
    }

    private void use(String column) {
        if (!index.containsKey(column)) {
            index.put(column, columns.size());
            columns.add(column);
        }
    }

    /** The source columns this mapper reads, in the order it expects their values. */
    public List<String> columns() {
        return columns;
    }

    /** The columns only optional fields read: a file may lack them. */
    public Set<String> optionalColumns() {
        Set<String> optional = new java.util.TreeSet<>(optionalUses);
        optional.removeAll(requiredUses);
        return optional;
    }

    /**
     * The fast lane for this source's plain rows ({@link PlainSalesLane}), or null when the source's shape does
     * not allow one.
     */
    public PlainSalesLane plainSalesLane(RowJudge judge, PlainSalesLane.Stage stage) {
        return PlainSalesLane.of(mapping, source, columns, judge, stage);
    }

    /** The row's identity under the source's declared key, or null when the source declares none. */
    public String key(SourceRecord record) {
        if (keyColumns.length == 0) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (int column : keyColumns) {
            key.append(record.values()[column]).append('\u001f');
        }
        return key.toString();
    }

    /**
     * Maps a well-formed row; any problem rejects the whole row with the first reason found. A row an
     * exclusion rule matches yields nothing and names the rule.
     */
    public Mapped map(SourceRecord record) {
        String[] values = record.values();
        try {
            for (Exclusion exclusion : exclusions) {
                if (exclusion.test().test(value(values, exclusion.value()))) {
                    return Mapped.excluded(exclusion.rule());
                }
            }
            ProductRow product = source.products() == null ? null : product(values);
            boolean stepped = keepsTransactions && source.sales().wide() != null;
            List<TransactionRow> transactions = stepped ? new ArrayList<>(2) : null;
            List<SalesRow> sales = source.sales() == null ? List.of() : sales(values, transactions);
            List<SignalRow> signals = source.signals() == null ? List.of() : signals(values);
            if (keepsTransactions && !stepped) {
                transactions = List.of(transaction(values, sales.get(0)));
            }
            return new Mapped(product, sales, signals, transactions == null ? List.of() : transactions, null, null);
        } catch (Rejected r) {
            return Mapped.rejected(r.getMessage());
        }
    }

    /** The row's key and the columns of a lookup source's row ({@link #columns()} order). */
    public String lookupKey(SourceRecord record) {
        List<String> key = source.lookup().key();
        if (key.size() == 1) {
            return value(record.values(), FieldSpec.column(key.get(0)));
        }
        String[] parts = parts(record.values(), key, true);
        return parts == null ? null : String.join(KEY_PARTS, parts);
    }

    /** Each column's value, or null when any is empty. */
    private String[] parts(String[] values, List<String> columns, boolean strip) {
        String[] parts = new String[columns.size()];
        for (int i = 0; i < parts.length; i++) {
            String part = values[index.get(columns.get(i))];
            if (part == null || part.isBlank()) {
                return null;
            }
            parts[i] = strip ? part.strip() : part;
        }
        return parts;
    }

    private TransactionRow transaction(String[] values, SalesRow sale) {
        var spec = source.sales();
        LocalDateTime at = dateTime(required(values, spec.date(), "sales date"), spec.date(), "sales date");
        String[] kept = new String[transactionValues.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = value(values, transactionValues[i]);
            if (numericValues[i] && kept[i] != null) {
                // one not a number stays as written: the launch attribute skips it, the sale still counts
                String canonical = notationOf(transactionValues[i]).canonical(kept[i]);
                kept[i] = canonical == null ? kept[i] : canonical;
            }
        }
        return new TransactionRow(sale.productId(), at.toLocalDate(), at.toEpochSecond(ZoneOffset.UTC),
                sale.periodStart(), sale.units(), kept);
    }

    private Predicate<String> condition(ExcludeRule rule) {
        if (rule.in() != null) {
            java.util.Set<String> in = java.util.Set.copyOf(rule.in());
            return v -> v != null && in.contains(v);
        }
        if (rule.matches() != null) {
            Pattern pattern = Pattern.compile(rule.matches());
            return v -> v != null && pattern.matcher(v).matches();
        }
        if (rule.atMost() != null) {
            return v -> {
                Double number = number(v, rule.value());
                return number != null && number <= rule.atMost();
            };
        }
        if (rule.below() != null) {
            return v -> {
                Double number = number(v, rule.value());
                return number != null && number < rule.below();
            };
        }
        boolean empty = rule.empty();
        return v -> (v == null) == empty;
    }

    private Double number(String value, FieldSpec field) {
        String canonical = value == null ? null : notationOf(field).canonical(value);
        if (canonical == null) {
            return null;
        }
        try {
            return Double.parseDouble(canonical);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A field's derivations, compiled: the lookup, then {@code extract}, {@code split}, whitespace and case, in
     * that order (docs/mapping.md).
     */
    private final class Derivation {

        private final FieldSpec field;
        private final Pattern extract;

        Derivation(FieldSpec field) {
            this.field = field;
            this.extract = field.extract() == null ? null : Pattern.compile(field.extract());
        }

        /**
         * @param lookupKey the key a lookup finds the row by when it is not the value itself (a field of several
         *        columns: their values joined as the lookup source joins its key columns)
         */
        String apply(String raw, String lookupKey) {
            String value = raw;
            if (field.lookup() != null) {
                String key = lookupKey != null ? lookupKey : value.trim();
                if (!lookups.has(field.lookup().source(), key)) {
                    if (field.lookup().emptyWhenMissing()) {
                        return null;
                    }
                    throw new Rejected("no row with key '" + (lookupKey != null ? raw : key) + "' in lookup "
                            + field.lookup().source());
                }
                value = lookups.value(field.lookup().source(), key, field.lookup().column());
                if (value == null) {
                    return null;
                }
            }
            if (extract != null) {
                Matcher matcher = extract.matcher(value);
                if (!matcher.find()) {
                    return null;
                }
                value = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                if (value == null) {
                    return null;
                }
            }
            if (field.split() != null) {
                String[] parts = value.split(Pattern.quote(field.split().separator()), -1);
                int take = field.split().take() >= 0 ? field.split().take() : parts.length + field.split().take();
                if (take < 0 || take >= parts.length) {
                    return null;
                }
                value = parts[take];
            }
            if (field.collapseWhitespace()) {
                value = WHITESPACE.matcher(value).replaceAll(" ");
            }
            if (field.trim()) {
                value = value.strip();
            }
            if (field.caseChange() != null) {
                value = field.caseChange().equals("upper") ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
            }
            return value.isEmpty() ? null : value;
        }
    }

    private ProductRow product(String[] values) {
        var spec = source.products();
        String id = required(values, spec.productId(), "product_id");
        // null when launches come from first sales (the mapping then declares no launch-date field)
        LocalDate launch = spec.launchDate() == null ? null
                : date(required(values, spec.launchDate(), "launch_date"), spec.launchDate(), "launch_date");
        String region = value(values, spec.region());
        Double price = null;
        String rawPrice = value(values, spec.price());
        if (rawPrice != null) {
            price = decimal(rawPrice, spec.price(), "price");
            if (price < 0) {
                throw new Rejected("price " + rawPrice + " is negative");
            }
        }
        Object[] attributes = new Object[mapping.attributes().size()];
        int i = 0;
        for (Attribute attribute : mapping.attributes().values()) {
            FieldSpec field = spec.attributes().get(attribute.name());
            String raw = value(values, field);
            if (raw == null && attribute.required()) {
                throw new Rejected("attribute " + attribute.name() + " is required but empty");
            }
            attributes[i++] = raw == null ? null : typed(raw, attribute.type(), field, "attribute " + attribute.name());
        }
        return new ProductRow(id, launch, region == null ? mapping.defaultRegion() : region, price, split, attributes);
    }

    /**
     * @param transactions where a wide row dated by a step puts what launches need of it, or null: its first day
     *        with a value (where the data start, for left-censoring) and its first day with a sale (the launch)
     */
    private List<SalesRow> sales(String[] values, List<TransactionRow> transactions) {
        var spec = source.sales();
        String id = required(values, spec.productId(), "sales product_id");
        String region = value(values, spec.region());
        region = region == null ? mapping.defaultRegion() : region;
        WideSpec wide = spec.wide();
        if (wide == null) {
            LocalDate day = date(required(values, spec.date(), "sales date"), spec.date(), "sales date");
            long units = units(required(values, spec.units(), "units"), spec.units(), "units");
            return List.of(new SalesRow(id, region, mapping.period().start(day), units));
        }
        LocalDate anchor = wide.columnDates() != null ? null
                : date(required(values, wide.anchor(), "sales anchor date"), wide.anchor(), "sales anchor date");
        List<SalesRow> rows = new ArrayList<>(wide.dated() ? 16 : salesColumns.size());
        boolean sold = false;
        for (int i = 0; i < salesColumnIndex.length; i++) {
            String raw = values[salesColumnIndex[i]];
            if (raw == null || wide.missing().contains(raw)) {
                continue;
            }
            long units = units(raw, null, "units in column " + salesColumns.get(i));
            if (!wide.dated()) {
                rows.add(new SalesRow(id, region, mapping.period().plus(anchor, i), units));
                continue;
            }
            boolean kept = transactions != null && (transactions.isEmpty() || (!sold && units > 0));
            // a dated column is a day (or week) of long sales, summed to its calendar period; a zero adds nothing to
            // the sum, and a table of one column per day is mostly zeros before and after a launch
            if (units == 0 && !kept) {
                continue;
            }
            LocalDate day = columnDays != null ? columnDays[i] : wide.step().plus(anchor, i);
            if (kept) {
                transactions.add(new TransactionRow(id, day, day.toEpochDay() * 86_400, mapping.period().start(day),
                        units, new String[transactionValues.length]));
                sold = units > 0;
            }
            if (units != 0) {
                rows.add(new SalesRow(id, region, mapping.period().start(day), units));
            }
        }
        return rows;
    }

    private List<SignalRow> signals(String[] values) {
        var spec = source.signals();
        String signal = required(values, spec.signal(), "signal");
        LocalDate day = date(required(values, spec.date(), "signal date"), spec.date(), "signal date");
        LocalDate period = mapping.period().start(day);
        if (spec.wide() == null) {
            String term = required(values, spec.term(), "term");
            String raw = value(values, spec.value());
            return List.of(new SignalRow(signal, term, period,
                    raw == null ? null : decimal(raw, spec.value(), "signal value")));
        }
        List<SignalRow> rows = new ArrayList<>(signalTerms.size());
        Set<String> missing = new HashSet<>(spec.wide().missing());
        for (String term : signalTerms) {
            String raw = values[index.get(term)];
            Double value = raw == null || missing.contains(raw) ? null : decimal(raw, null, "signal " + term);
            rows.add(new SignalRow(signal, term, period, value));
        }
        return rows;
    }

    private String value(String[] values, FieldSpec field) {
        if (field == null) {
            return null;
        }
        if (field.constant() != null) {
            return field.constant();
        }
        if (field.columns() != null) {
            String[] parts = parts(values, field.columns(), field.trim() || field.lookup() != null);
            return parts == null ? null : derivations.get(field).apply(String.join(field.separator(), parts),
                    field.lookup() == null ? null : String.join(KEY_PARTS, parts));
        }
        Integer column = columnOf.get(field);
        String value = values[column == null ? index.get(field.column()) : column];
        if (value == null) {
            return null;
        }
        Derivation derivation = derivations.get(field);
        if (derivation != null) {
            return derivation.apply(value, null);
        }
        // most values carry no blanks: avoid a copy per value
        if (value.charAt(0) > ' ' && value.charAt(value.length() - 1) > ' ') {
            return value;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private String required(String[] values, FieldSpec field, String what) {
        String value = value(values, field);
        if (value == null) {
            // of several columns, those that are empty (a derivation may empty a value whose columns are not)
            List<String> named = field == null ? List.of() : field.sourceColumns().stream()
                    .filter(c -> values[index.get(c)] == null || values[index.get(c)].isBlank()).toList();
            named = named.isEmpty() && field != null ? field.sourceColumns() : named;
            throw new Rejected(what + " is required but empty" + (named.isEmpty() ? ""
                    : " (column" + (named.size() > 1 ? "s " : " ") + String.join(", ", named) + ")"));
        }
        return value;
    }

    private LocalDate date(String raw, FieldSpec field, String what) {
        return dateTime(raw, field, what).toLocalDate();
    }

    /** A date, or a date and time when the field's format has a time (midnight otherwise); checked for plausibility. */
    private LocalDateTime dateTime(String raw, FieldSpec field, String what) {
        LocalDateTime date;
        try {
            if (field != null && field.counts() != null) {
                date = counted(raw, field, what);
            } else if (field == null || field.format() == null || field.format().equals("yyyy-MM-dd")) {
                LocalDate day = isoDate(raw);
                if (day != null) {
                    date = day.atStartOfDay();
                } else {
                    date = isoDateTime(raw);
                }
            } else if (field.format().contains("H")) {
                date = LocalDateTime.parse(raw, formats.get(field.format()));
            } else {
                date = LocalDate.parse(raw, formats.get(field.format())).atStartOfDay();
            }
        } catch (DateTimeParseException e) {
            throw new Rejected(what + " '" + raw + "' is not a date" + (field != null && field.format() != null
                    ? " of the form " + field.format() : ""));
        }
        if (!mapping.validDates().contains(date.toLocalDate())) {
            throw new Rejected(what + " " + date.toLocalDate() + " is outside " + mapping.validDates().from() + " .. "
                    + mapping.validDates().to());
        }
        return date;
    }

    /**
     * An ISO date, or date and time with {@code T} or a space between them (a database's or DuckDB's text of a
     * timestamp); an offset or zone after it ({@code Z}, {@code +02:00}) is read past: the date is the one written,
     * the day the shop saw.
     */
    private static LocalDateTime isoDateTime(String raw) {
        if (raw.length() > 10 && (raw.charAt(10) == 'T' || raw.charAt(10) == ' ')) {
            String text = raw.charAt(10) == ' ' ? raw.substring(0, 10) + 'T' + raw.substring(11) : raw;
            return LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
        }
        return LocalDate.parse(raw).atStartOfDay();
    }

    private LocalDateTime counted(String raw, FieldSpec field, String what) {
        FieldSpec.Count counts = field.counts();
        String canonical = notationOf(field).canonical(raw.trim());
        String text = canonical == null ? raw.trim() : canonical;
        boolean seconds = counts.unit().equals("second");
        try {
            if (seconds && text.indexOf('.') >= 0) {
                // Unix time with a fraction of a second (1433221332.117), as many exports write it
                BigDecimal value = new BigDecimal(text);
                long whole = value.setScale(0, RoundingMode.FLOOR).longValueExact();
                return counts.at(whole).plusNanos(value.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
            }
            return counts.at(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new Rejected(what + " '" + raw + "' is not a " + (seconds ? "number" : "whole number") + " of "
                    + counts.unit() + "s from " + counts.from());
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejected(what + " " + text + " " + counts.unit() + "s from " + counts.from() + " is no date: "
                    + e.getMessage());
        }
    }

    /** yyyy-MM-dd without the formatter machinery (the common case, parsed millions of times); null if not of that shape. */
    static LocalDate isoDate(String raw) {
        if (raw.length() != 10 || raw.charAt(4) != '-' || raw.charAt(7) != '-') {
            return null;
        }
        int year = 0;
        int month = 0;
        int day = 0;
        for (int i = 0; i < 10; i++) {
            if (i == 4 || i == 7) {
                continue;
            }
            int digit = raw.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            if (i < 4) {
                year = year * 10 + digit;
            } else if (i < 7) {
                month = month * 10 + digit;
            } else {
                day = day * 10 + digit;
            }
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException("invalid date", raw, 0);
        }
    }

    /** @param field the field read, null for a wide column of this source */
    private long units(String raw, FieldSpec field, String what) {
        var spec = source.sales();
        double value;
        long whole;
        if (isPlainInteger(raw) && spec.scale() == 1.0) {
            whole = Long.parseLong(raw);
        } else {
            value = decimal(raw, field, what) * spec.scale();
            double rounded = switch (spec.rounding()) {
                case "half-up" -> Math.floor(value + 0.5);
                case "half-even" -> Math.rint(value);
                default -> value;
            };
            if (rounded != Math.rint(rounded)) {
                throw new Rejected(what + " " + raw + " is not a whole number of units (declare a rounding)");
            }
            whole = (long) rounded;
        }
        if (whole < 0 && !spec.returns()) {
            throw new Rejected(what + " " + raw + " is negative and the source declares no returns");
        }
        return whole;
    }

    private static boolean isPlainInteger(String raw) {
        int start = raw.charAt(0) == '-' || raw.charAt(0) == '+' ? 1 : 0;
        if (start == raw.length() || raw.length() > 18) {
            return false;
        }
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The number {@code raw} is, written as its source writes numbers.
     *
     * @param field the field read, null for a wide column of this source
     */
    private double decimal(String raw, FieldSpec field, String what) {
        NumberNotation written = notationOf(field);
        try {
            String canonical = written.canonical(raw);
            if (canonical == null) {
                throw new NumberFormatException();
            }
            double value = Double.parseDouble(canonical);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Rejected(what + " '" + raw + "' is not a number" + written.describe());
        }
    }

    /** How the value of {@code field} is written: as the lookup source it comes through writes it, or this source. */
    private NumberNotation notationOf(FieldSpec field) {
        return field != null && field.lookup() != null ? lookupNotations.get(field.lookup().source()) : notation;
    }

    private Object typed(String raw, ColumnType type, FieldSpec field, String what) {
        return switch (type) {
            case INTEGER -> {
                NumberNotation written = notationOf(field);
                String canonical = written.canonical(raw);
                if (canonical == null || !isPlainInteger(canonical)) {
                    throw new Rejected(what + " '" + raw + "' is not an integer" + written.describe());
                }
                yield Long.parseLong(canonical);
            }
            case DOUBLE -> decimal(raw, field, what);
            case DATE -> date(raw, field, what);
            default -> raw;
        };
    }

    /** A row-level rejection: cheap (no stack trace), caught in {@link #map}. */
    private static final class Rejected extends RuntimeException {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
