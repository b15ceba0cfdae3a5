package io.launchcast.ingestion.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One input of a mapping: files matched by name (from the landing prefix or a request) or a JDBC table or
 * query, its format, and what each row yields. Bound from the mapping's YAML (keys in kebab case); absent keys
 * take the defaults documented in {@code docs/mapping.md}.
 *
 * @param files file-name globs; each may fix the {@code split} of the products it yields. Every object that
 *        matches takes part in the run, so a source may be hundreds of daily files under one prefix.
 * @param jdbc a database source instead of files
 * @param key source columns identifying a row; a second row with the same key is a duplicate (dropped if
 *        identical, rejected if different). Products are always keyed by product id.
 * @param required a run cannot start without this source (default true)
 * @param lookup the source is a lookup table, read before the others and joined by this key by fields that
 *        declare {@code lookup}
 * @param exclude rules that leave rows out (not products, not demand); each excluded row is counted by rule
 */
public record SourceSpec(@NotBlank @Pattern(regexp = Mapping.NAME, message = Mapping.NAME_RULE) String name,
        List<@Valid FileSpec> files, @Valid JdbcSpec jdbc, @Valid FormatSpec format, List<String> key,
        Boolean required, @Valid LookupSpec lookup, List<@Valid ExcludeRule> exclude, @Valid ProductsSpec products,
        @Valid SalesSpec sales, @Valid SignalsSpec signals) {

    @JsonCreator
    public SourceSpec {
        files = files == null ? List.of() : List.copyOf(files);
        format = format == null ? FormatSpec.csv() : format;
        key = key == null ? List.of() : List.copyOf(key);
        required = required == null || required;
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** Every field the source declares (products, sales, signals, exclusion rules), for what they read. */
    public java.util.stream.Stream<FieldSpec> fields() {
        java.util.List<FieldSpec> fields = new java.util.ArrayList<>();
        exclude.forEach(r -> fields.add(r.value()));
        if (products != null) {
            fields.addAll(java.util.Arrays.asList(products.productId(), products.launchDate(), products.region(),
                    products.price()));
            fields.addAll(products.attributes().values());
        }
        if (sales != null) {
            fields.addAll(java.util.Arrays.asList(sales.productId(), sales.region(), sales.date(), sales.units()));
            if (sales.wide() != null) {
                fields.add(sales.wide().anchor());
            }
            fields.addAll(sales.values().values());
        }
        if (signals != null) {
            fields.addAll(java.util.Arrays.asList(signals.signal(), signals.term(), signals.date(), signals.value()));
        }
        return fields.stream().filter(java.util.Objects::nonNull);
    }

    /** A file-name glob and the split it gives its products. */
    public record FileSpec(@NotBlank String match, String split) {

        public boolean matches(String fileName) {
            return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + match)
                    .matches(java.nio.file.Path.of(fileName));
        }
    }

    /** A table or a query on a configured connection ({@code launchcast.ingestion.connections.<name>}). */
    public record JdbcSpec(@NotBlank String connection, String table, String query) {

        public String sql() {
            return query != null ? query : "SELECT * FROM " + table;
        }
    }

    /**
     * CSV, JSON Lines, Parquet or an Excel workbook, with CSV's dialect. {@code compression: auto} detects gzip and zip
     * (an archive of one file) by their magic bytes; Parquet and Excel ignore the dialect, the encoding and the compression (they carry their own).
     * {@code sheet} names an Excel workbook's sheet to read (the first one when absent). {@code decimal} and
     * {@code grouping} say how a CSV export writes its numbers ({@link NumberNotation}): {@code 1.234,5} is
     * {@code decimal: ","} with {@code grouping: "."}; absent, numbers are written as Java reads them.
     * {@code explode} (JSON Lines and JSON) names the array, by its dotted path, whose elements are the rows (an
     * order's line items): a column under that path reads the element, any other column the object around it.
     * {@code records} (JSON) is the dotted path of the array of records in a document that is an object
     * ({@code data.orders}); absent, the document is the array.
     */
    public record FormatSpec(
            @Pattern(regexp = "csv|jsonl|json|parquet|excel", message = "csv, jsonl, json, parquet or excel") String type,
            String delimiter, String quote, String encoding, Boolean multiline,
            @Pattern(regexp = "auto|gzip|zip|none", message = "auto, gzip, zip or none") String compression, String sheet,
            String decimal, String grouping,
            @Positive(message = "a line number, 1 or more") Integer headerLine, String explode, String records) {

        @JsonCreator
        public FormatSpec {
            type = type == null ? "csv" : type;
            delimiter = delimiter == null ? "," : delimiter.equals("\\t") ? "\t" : delimiter;
            quote = quote == null ? "\"" : quote;
            encoding = encoding == null ? "UTF-8" : encoding;
            multiline = multiline != null && multiline;
            compression = compression == null ? "auto" : compression;
            headerLine = headerLine == null ? 1 : headerLine;
        }

        public FormatSpec(String type, String delimiter, String quote, String encoding, Boolean multiline,
                String compression, String sheet, String decimal, String grouping) {
            this(type, delimiter, quote, encoding, multiline, compression, sheet, decimal, grouping, null, null, null);
        }

        public FormatSpec(String type, String delimiter, String quote, String encoding, Boolean multiline,
                String compression, String sheet) {
            this(type, delimiter, quote, encoding, multiline, compression, sheet, null, null, null, null, null);
        }

        public static FormatSpec csv() {
            return new FormatSpec(null, null, null, null, null, null, null);
        }

        /** Whether the source declares how its numbers are written (otherwise they are read as Java writes them). */
        public boolean declaresNumbers() {
            return decimal != null || grouping != null;
        }

        public boolean isJsonLines() {
            return type.equals("jsonl");
        }

        /** A JSON document whose records are the objects of an array (the document, or the one at {@code records}). */
        public boolean isJson() {
            return type.equals("json");
        }

        public boolean isParquet() {
            return type.equals("parquet");
        }

        public boolean isExcel() {
            return type.equals("excel");
        }
    }

    /**
     * A lookup table: every row is kept in memory under the value of {@code key}.
     *
     * @param key the column whose value the rows are found by, or the columns whose values together do (a class
     *        number that repeats in each family: {@code [family, class]}), found by a field of as many columns
     * @param repeated what a second row with a key already seen but other values is: {@code refuse} (rejected with
     *        its reason, the default) or {@code first} (the first row in file order stands and the others count as
     *        duplicates: a calendar table whose week code repeats on each of the week's days dates a week by its
     *        first day)
     */
    public record LookupSpec(
            @com.fasterxml.jackson.annotation.JsonFormat(
                    with = com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @jakarta.validation.constraints.NotEmpty List<@NotBlank String> key,
            @Pattern(regexp = "refuse|first", message = "refuse or first") String repeated) {

        @JsonCreator
        public LookupSpec {
            repeated = repeated == null ? "refuse" : repeated;
            key = key == null ? null : List.copyOf(key);
        }

        /** Whether a repeated key keeps its first row. */
        public boolean keepsFirst() {
            return repeated.equals("first");
        }
    }

    /**
     * A rule that leaves a row out: the row's {@code value} (any field, with its derivations) matches the
     * condition. Exactly one condition is given.
     *
     * @param rule the rule's name, under which the run counts the rows it excluded
     * @param in the value is one of these
     * @param matches the whole value matches this regular expression
     * @param atMost the value is a number no greater than this
     * @param below the value is a number smaller than this
     * @param empty the value is empty (true) or present (false)
     */
    public record ExcludeRule(@NotBlank @Pattern(regexp = Mapping.NAME, message = Mapping.NAME_RULE) String rule,
            @Valid FieldSpec value, List<String> in, String matches, Double atMost, Double below, Boolean empty) {
    }

    /**
     * How a row yields a product.
     *
     * @param launchDate the launch date's field; absent when the mapping derives launches from the first sale
     * @param attributes attribute name to the field holding it
     * @param repeated what a second row of a product already defined with other values is: {@code refuse} (rejected
     *        with its reason, the default) or {@code first} (the first row in file order stands and the others count
     *        as duplicates: an item master with a row per variant or per store, mapped to one product)
     */
    public record ProductsSpec(@Valid FieldSpec productId, @Valid FieldSpec launchDate, @Valid FieldSpec region,
            @Valid FieldSpec price, Map<String, @Valid FieldSpec> attributes,
            @Pattern(regexp = "refuse|first", message = "refuse or first") String repeated) {

        @JsonCreator
        public ProductsSpec {
            attributes = attributes == null ? Map.of() : attributes;
            repeated = repeated == null ? "refuse" : repeated;
        }

        /** Whether a product's first row stands against later ones with other values. */
        public boolean keepsFirst() {
            return repeated.equals("first");
        }
    }

    /**
     * How a row yields sales: either long (a date and a units field, aggregated to the period) or wide (one
     * column per period since the anchor date).
     *
     * @param scale units = value times scale (default 1); negative for an export of returns written as positive
     *        quantities (with {@code returns})
     * @param rounding {@code none} (fractions rejected), {@code half-up} or {@code half-even}
     * @param returns negative units are returns or cancellations and are netted within their period; otherwise
     *        they are rejected
     * @param values named per-row values of long sales kept for launch attributes (e.g. the unit price or a
     *        description), aggregated over a window relative to each product's launch
     */
    public record SalesSpec(@Valid FieldSpec productId, @Valid FieldSpec region, @Valid FieldSpec date,
            @Valid FieldSpec units, @Valid WideSpec wide, Double scale,
            @Pattern(regexp = "none|half-up|half-even", message = "none, half-up or half-even") String rounding,
            Boolean returns, Map<String, @Valid FieldSpec> values) {

        @JsonCreator
        public SalesSpec {
            scale = scale == null ? 1.0 : scale;
            rounding = rounding == null ? "none" : rounding;
            returns = returns != null && returns;
            values = values == null ? Map.of() : values;
        }
    }

    /** How a row yields signals: long (signal, term, date, value) or wide (one column per term). */
    public record SignalsSpec(@Valid FieldSpec signal, @Valid FieldSpec term, @Valid FieldSpec date,
            @Valid FieldSpec value, @Valid WideSpec wide) {
    }

    /**
     * Columns that hold one value each: per period since the anchor (sales) or per term (signals).
     *
     * @param columns the columns, in period order; empty with {@code allOtherColumns} or {@code columnsMatching}
     * @param allOtherColumns every column the mapping does not use otherwise (e.g. one per search term)
     * @param columnsMatching a regular expression: the columns the mapping does not use otherwise whose whole name
     *        matches it, in the file's order ({@code d_[0-9]+} of a table with one column per day and a few columns
     *        of ids besides)
     * @param anchor the date of the first column (sales: the launch date unless given)
     * @param step sales only: each column is one step (a day, a week, a month) after the one before it, dated from
     *        the anchor, and its units are summed to the mapping's period like long sales (a table with one column
     *        per calendar day); without it, column i is the i-th period since the anchor (the launch date)
     * @param missing raw values that mean "no value" (kept as empty values, not rejected)
     * @param columnDates sales only: each column's name is its date, in this pattern (a pivoted export whose
     *        headers are the weeks, {@code 'Week 'yyyy-MM-dd}); dated cells are summed to the mapping's period like
     *        long sales, and a skipped week cannot shift the ones after it as a step from an anchor would
     */
    public record WideSpec(List<String> columns, Boolean allOtherColumns, String columnsMatching,
            @Valid FieldSpec anchor, Period step, List<String> missing, String columnDates) {

        @JsonCreator
        public WideSpec {
            columns = columns == null ? List.of() : List.copyOf(columns);
            allOtherColumns = allOtherColumns != null && allOtherColumns;
            missing = missing == null ? List.of() : List.copyOf(missing);
        }

        /** The same columns from another anchor. */
        public WideSpec withAnchor(FieldSpec other) {
            return new WideSpec(columns, allOtherColumns, columnsMatching, other, step, missing, columnDates);
        }

        /** Whether each column is a calendar date (a step from an anchor, or its name) rather than a period since launch. */
        public boolean dated() {
            return step != null || columnDates != null;
        }

        /** Whether its columns are named by the file rather than listed: all other columns, or those matching. */
        public boolean columnsFromFile() {
            return allOtherColumns || columnsMatching != null;
        }
    }

    /**
     * Where a canonical value comes from: a source column, or a constant; written as the column's name alone or
     * as an object. The value is then derived in this order: {@code lookup}, {@code extract}, {@code split},
     * whitespace ({@code trim}, {@code collapse-whitespace}), {@code case}. An empty result is no value.
     *
     * @param format date pattern ({@link java.time.format.DateTimeFormatter}); ISO dates when absent
     * @param lookup replace the value by a column of the lookup source's row with that key
     * @param extract a regular expression: the value becomes its first group (or the whole match) in the value
     * @param split split the value and take one part
     * @param trim remove leading and trailing whitespace (default true)
     * @param collapseWhitespace replace every run of whitespace by one space
     * @param caseChange {@code upper} or {@code lower}
     * @param counts a date written as a whole number of steps from a date (day numbers, Unix timestamps)
     * @param optional the column may be absent from a file (added to later exports): that file's rows have no value
     *        for it, and the run's rules count the files without it
     * @param columns instead of one column, several whose values joined by {@code separator} are the value (a year
     *        and a month column, a make and a model); a lookup finds the row whose key columns hold the same values,
     *        in order; a part without a value leaves the field without one
     * @param separator what joins the parts of {@code columns} (default one space)
     */
    public record FieldSpec(String column, String constant, String format, @Valid Lookup lookup, String extract,
            @Valid Split split, Boolean trim, Boolean collapseWhitespace,
            @com.fasterxml.jackson.annotation.JsonProperty("case")
            @Pattern(regexp = "upper|lower", message = "upper or lower") String caseChange,
            @Valid Count counts, Boolean optional, List<@NotBlank String> columns, String separator) {

        @JsonCreator
        public FieldSpec {
            trim = trim == null || trim;
            collapseWhitespace = collapseWhitespace != null && collapseWhitespace;
            optional = optional != null && optional;
            columns = columns == null ? null : List.copyOf(columns);
            separator = separator == null ? " " : separator;
        }

        public FieldSpec(String column, String constant, String format) {
            this(column, constant, format, null, null, null, null, null, null, null, null, null, null);
        }

        /** The source columns the value is read from: its column, or its joined columns; none for a constant. */
        public List<String> sourceColumns() {
            return columns != null ? columns : column != null ? List.of(column) : List.of();
        }

        /** The shorthand {@code field: column_name}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static FieldSpec column(String column) {
            return new FieldSpec(column, null, null);
        }

        /** Whether the value is the column's text as it is (trimmed): no derivation at all. */
        public boolean isPlainColumn() {
            return column != null && lookup == null && extract == null && split == null && trim
                    && !collapseWhitespace && caseChange == null;
        }

        /**
         * A date given as a count: exports that number their days ({@code DAY 1..711}) or stamp events in seconds
         * or milliseconds since 1970 cannot be read with a date pattern. The value (a whole number, negative
         * allowed; seconds may carry a fraction) is that many units after {@code from}; seconds and milliseconds are
         * UTC.
         *
         * @param unit {@code day}, {@code week}, {@code month}, {@code second} or {@code millisecond}
         * @param from the date the count starts at (value 0); {@code 1970-01-01} for Unix timestamps
         */
        public record Count(
                @NotNull(message = "day, week, month, second or millisecond")
                @Pattern(regexp = "day|week|month|second|millisecond",
                        message = "day, week, month, second or millisecond") String unit,
                @NotNull(message = "required: the date of count 0") LocalDate from) {

            /** The date and time {@code count} units after {@code from}. */
            public LocalDateTime at(long count) {
                return switch (unit) {
                    case "second" -> from.atStartOfDay().plusSeconds(count);
                    case "millisecond" -> from.atStartOfDay().plus(count, ChronoUnit.MILLIS);
                    default -> Period.of(unit).plus(from, count).atStartOfDay(); // a day, a week, a month
                };
            }
        }

        /**
         * A column of the lookup source's row whose key is the value.
         *
         * @param missing what a value that is no key of the lookup source is: {@code reject} (the row is rejected
         *        with the key, the default: a misspelt code must not pass unseen) or {@code empty} (the field has no
         *        value, as an empty cell: a price list that lacks some items)
         */
        public record Lookup(@NotBlank String source, @NotBlank String column,
                @Pattern(regexp = "reject|empty", message = "reject or empty") String missing) {

            @JsonCreator
            public Lookup {
                missing = missing == null ? "reject" : missing;
            }

            /** Whether a value that is no key leaves the field empty rather than rejecting the row. */
            public boolean emptyWhenMissing() {
                return missing.equals("empty");
            }
        }

        /**
         * @param separator literal text between parts
         * @param take the part's position: 0 is the first, -1 the last
         */
        public record Split(@NotBlank String separator, Integer take) {

            @JsonCreator
            public Split {
                take = take == null ? 0 : take;
            }
        }
    }
}
