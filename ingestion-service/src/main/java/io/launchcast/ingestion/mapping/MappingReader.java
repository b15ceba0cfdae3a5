package io.launchcast.ingestion.mapping;

import io.launchcast.ingestion.mapping.Mapping.Aggregate;
import io.launchcast.ingestion.mapping.Mapping.Attribute;
import io.launchcast.ingestion.mapping.Mapping.DateRange;
import io.launchcast.ingestion.mapping.Mapping.Launch;
import io.launchcast.ingestion.mapping.Mapping.LaunchAttributes;
import io.launchcast.ingestion.mapping.Mapping.LeftCensoring;
import io.launchcast.ingestion.mapping.MappingDocument.AggregateSpec;
import io.launchcast.ingestion.mapping.MappingDocument.AttributeSpec;
import io.launchcast.ingestion.mapping.SourceSpec.ExcludeRule;
import io.launchcast.ingestion.mapping.SourceSpec.FieldSpec;
import io.launchcast.ingestion.mapping.SourceSpec.ProductsSpec;
import io.launchcast.ingestion.mapping.SourceSpec.SalesSpec;
import io.launchcast.ingestion.mapping.SourceSpec.SignalsSpec;
import io.launchcast.ingestion.mapping.SourceSpec.WideSpec;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.schema.ColumnType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a mapping from its YAML text: Jackson binds the keys into {@link MappingDocument} and its records,
 * Bean Validation checks each value, and the rules that span several keys are checked here. Every problem is
 * reported at once, each with its key's path and line ({@code sources[0].sales.units (line 12): ...}), so that
 * an author fixes a file in one go. Unknown keys and values of the wrong type are problems, never ignored.
 */
public final class MappingReader {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    /** A problem and the line it is on (0: the file as a whole), so that they are listed in file order. */
    private record Problem(int line, String text) {
    }

    private final List<Problem> problems = new ArrayList<>();
    private final YamlLines lines;
    /** Paths whose value could not be bound; their constraint violations (null: "required") are not reported. */
    private final Set<String> unreadable = new HashSet<>();

    private MappingReader(YamlLines lines) {
        this.lines = lines;
    }

    /**
     * Binds and validates a mapping.
     *
     * @param origin where the text came from, for messages
     * @throws InvalidMappingException listing every problem found
     */
    public static Mapping read(String yamlText, String origin) {
        return new MappingReader(YamlLines.of(yamlText)).bind(yamlText, origin);
    }

    private Mapping bind(String text, String origin) {
        MappingDocument document;
        try {
            document = YAMLMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .addHandler(new Collector())
                    .build()
                    .readValue(text, MappingDocument.class);
        } catch (JacksonException e) {
            problems.add(new Problem(0, describe(e)));
            throw invalid(origin);
        }
        if (document == null) {
            throw new InvalidMappingException(origin, List.of("the file is empty: a mapping needs name, version and sources"));
        }
        Validator validator = VALIDATION.getValidator();
        validator.validate(document).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(this::violation);
        Mapping mapping = problems.isEmpty() || document.sources() != null ? convert(document, text) : null;
        if (!problems.isEmpty()) {
            throw invalid(origin);
        }
        return mapping;
    }

    private InvalidMappingException invalid(String origin) {
        return new InvalidMappingException(origin, new ArrayList<>(new LinkedHashSet<>(problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparing(Problem::text)).map(Problem::text).toList())));
    }

    private void violation(ConstraintViolation<MappingDocument> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    path.append('.').append(node.getKey());
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(kebab(name));
            }
        }
        if (!unreadable.contains(path.toString())) { // a value that could not be read is not also "required"
            problem(path.toString(), violation.getMessage());
        }
    }

    private static String kebab(String camel) {
        return camel.equals("caseChange") ? "case" : camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private void problem(String path, String message) {
        problems.add(new Problem(lines.lineOf(path), lines.problem(path, message)));
    }

    /** The first problem Jackson could not step over (YAML syntax, mostly), with its line. */
    private String describe(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
                .reduce("", String::concat);
        path = path.startsWith(".") ? path.substring(1) : path;
        String message = e.getOriginalMessage().lines().findFirst().orElse("cannot be read");
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return (path.isEmpty() ? "mapping" : path) + (line > 0 ? " (line " + line + ")" : "") + ": " + message;
    }

    // ---- the rules that span several keys, and the defaults ----

    private Mapping convert(MappingDocument doc, String text) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        if (doc.attributes() != null) {
            doc.attributes().forEach((name, spec) -> {
                if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
                    problem("attributes." + name, "attribute names are lower-case identifiers");
                }
                if (spec != null && spec.type() != null) {
                    attributes.put(name, attribute(name, spec));
                }
            });
        }
        Launch launch = launch(doc);
        List<SourceSpec> sources = new ArrayList<>();
        List<SourceSpec> declared = doc.sources() == null ? List.of() : doc.sources();
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i) != null) {
                sources.add(source("sources[" + i + "]", declared.get(i), attributes, launch, declared));
            }
        }
        checkOrder(sources);
        checkNames(sources);
        LaunchAttributes launchAttributes = launchAttributes(doc, attributes, sources);
        if (launch.fromFirstSale() && sources.stream().noneMatch(MappingReader::hasDatedSales)) {
            problem("launch.date", "first-sale needs a source with dated sales (long sales, a date and units per row,"
                    + " or wide sales with a step from an anchor date or column-dates)");
        }
        if (launch.fromFirstSale() && sources.stream().noneMatch(s -> s.products() != null)) {
            // products come from the sales: every attribute needs a value from the sales
            attributes.keySet().stream().filter(a -> !launchAttributes.attributes().containsKey(a)).forEach(a ->
                    problem("attributes." + a, "no source gives it: products come from the sales, so take it under"
                            + " launch-attributes.attributes"));
        }
        DateRange dates = doc.validDates() == null || doc.validDates().from() == null || doc.validDates().to() == null
                ? DateRange.ANY : new DateRange(doc.validDates().from(), doc.validDates().to());
        if (dates.from().isAfter(dates.to())) {
            problem("valid-dates", "from is after to");
        }
        return new Mapping(doc.name(), doc.version() == null ? 0 : doc.version(),
                doc.dataset() == null ? doc.name() : doc.dataset(), doc.period() == null ? Period.WEEK : doc.period(),
                doc.defaultRegion() == null ? "all" : doc.defaultRegion(),
                doc.rejectedShareThreshold() == null ? 0.05 : doc.rejectedShareThreshold(), dates, attributes,
                sources, launch, Boolean.TRUE.equals(doc.clipNegativePeriods()), doc.completeUntil(), launchAttributes,
                Sha256.hex(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Attribute attribute(String name, AttributeSpec spec) {
        ColumnType type = switch (spec.type()) {
            case "integer" -> ColumnType.INTEGER;
            case "double" -> ColumnType.DOUBLE;
            case "date" -> ColumnType.DATE;
            default -> ColumnType.STRING;
        };
        return new Attribute(name, type, spec.required(), spec.type().equals("text"));
    }

    private Launch launch(MappingDocument doc) {
        if (doc.launch() == null) {
            return Launch.FROM_COLUMN;
        }
        boolean firstSale = "first-sale".equals(doc.launch().date());
        LeftCensoring censoring = null;
        var spec = doc.launch().leftCensoring();
        if (spec != null) {
            if ((spec.before() == null) == (spec.withinDays() == null)) {
                problem("launch.left-censoring", "give exactly one of before or within-days");
            } else {
                censoring = new LeftCensoring(spec.before(), spec.withinDays());
            }
            if (!firstSale) {
                problem("launch.left-censoring", "needs date: first-sale (censoring is judged on each product's first sale)");
            }
        }
        return new Launch(firstSale, censoring);
    }

    private SourceSpec source(String path, SourceSpec source, Map<String, Attribute> attributes, Launch launch,
            List<SourceSpec> all) {
        if (source.files().isEmpty() == (source.jdbc() == null)) {
            problem(path + ".files", "a source has either files or jdbc");
        }
        if (source.jdbc() != null && (source.jdbc().table() == null) == (source.jdbc().query() == null)) {
            problem(path + ".jdbc", "give exactly one of table or query");
        }
        format(path + ".format", source.format(), source.jdbc() != null);
        int yields = (source.products() != null || source.sales() != null || source.signals() != null ? 1 : 0)
                + (source.lookup() != null ? 1 : 0);
        if (yields == 0) {
            problem(path, "a source yields products, sales, signals or is a lookup");
        } else if (yields > 1) {
            problem(path + ".lookup", "a lookup source yields nothing else");
        }
        for (int i = 0; i < source.exclude().size(); i++) {
            exclude(path + ".exclude[" + i + "]", source.exclude().get(i), all);
        }
        ProductsSpec products = source.products() == null ? null : products(path + ".products", source.products(),
                attributes, launch, all);
        SalesSpec sales = source.sales() == null ? null : sales(path + ".sales", source.sales(), products, all);
        if (products != null && products.keepsFirst() && (sales != null || source.signals() != null)) {
            // the later rows' sales would be lost with their product rows
            problem(path + ".products.repeated", "first needs a source that yields products only; read the sales"
                    + " with a source of their own");
        }
        SignalsSpec signals = source.signals() == null ? null : signals(path + ".signals", source.signals(),
                source.name(), all);
        return new SourceSpec(source.name(), source.files(), source.jdbc(), source.format(), source.key(),
                source.required(), source.lookup(), source.exclude(), products, sales, signals);
    }

    private void format(String path, SourceSpec.FormatSpec format, boolean jdbc) {
        boolean json = format.isJsonLines() || format.isJson();
        if (format.explode() != null && (jdbc || !json && !format.isParquet())) {
            problem(path + ".explode", "JSON's and Parquet's only: " + (jdbc ? "a database's rows are its query's"
                    : "the rows of a " + format.type() + " source are its own"));
        }
        if (format.records() != null && (jdbc || !format.isJson())) {
            problem(path + ".records", "a JSON document's only (type: json): the path of its array of records");
        }
        if (format.explode() != null && format.explode().isBlank()) {
            problem(path + ".explode", "the dotted path of an array (order.line_items)");
        }
        if (format.headerLine() > 1 && (jdbc || json || format.isParquet())) {
            problem(path + ".header-line", "a CSV file's or an Excel sheet's only: "
                    + (jdbc ? "a database" : format.isJsonLines() ? "JSON Lines" : json ? "JSON" : "a Parquet file")
                    + " names its columns itself");
        }
        if (format.declaresNumbers() && (jdbc || !format.type().equals("csv"))) {
            problem(path + (format.decimal() != null ? ".decimal" : ".grouping"), "a CSV source's only: "
                    + (jdbc ? "a database" : json ? "JSON"
                            : format.type().equals("excel") ? "an Excel workbook" : "a Parquet file")
                    + " writes its numbers with '.' decimals");
        }
        if (format.decimal() != null && !format.decimal().equals(".") && !format.decimal().equals(",")) {
            problem(path + ".decimal", "'.' or ','");
        }
        if (format.grouping() != null && (format.grouping().length() != 1
                || "0123456789+-".contains(format.grouping()))) {
            problem(path + ".grouping", "one character that is no digit or sign (' ' also reads no-break spaces)");
        } else if (format.grouping() != null
                && format.grouping().equals(format.decimal() == null ? "." : format.decimal())) {
            problem(path + ".grouping", "the decimal mark is '" + format.grouping() + "': thousands need another");
        }
        if (format.delimiter().length() != 1) {
            problem(path + ".delimiter", "one character");
        }
        if (format.quote().length() != 1) {
            problem(path + ".quote", "one character");
        }
        try {
            Charset.forName(format.encoding());
        } catch (RuntimeException e) {
            problem(path + ".encoding", "unknown charset " + format.encoding());
        }
    }

    private void exclude(String path, ExcludeRule rule, List<SourceSpec> all) {
        if (rule.value() == null) {
            problem(path + ".value", "required: the field the condition tests");
        } else {
            field(path + ".value", rule.value(), all);
        }
        long conditions = Stream.of(rule.in(), rule.matches(), rule.atMost(), rule.below(), rule.empty())
                .filter(c -> c != null).count();
        if (conditions != 1) {
            problem(path, "give exactly one condition: in, matches, at-most, below or empty");
        }
        if (rule.matches() != null) {
            regex(path + ".matches", rule.matches());
        }
    }

    private ProductsSpec products(String path, ProductsSpec spec, Map<String, Attribute> declared, Launch launch,
            List<SourceSpec> all) {
        required(path + ".product-id", spec.productId(), all);
        if (spec.launchDate() == null && !launch.fromFirstSale()) {
            problem(path + ".launch-date", "required (or derive launches with launch.date: first-sale)");
        } else if (spec.launchDate() != null && launch.fromFirstSale()) {
            problem(path + ".launch-date", "launches come from the first sale (launch.date: first-sale): remove it");
        }
        optional(path + ".launch-date", spec.launchDate(), all);
        optional(path + ".region", spec.region(), all);
        optional(path + ".price", spec.price(), all);
        spec.attributes().forEach((name, field) -> {
            if (!declared.containsKey(name)) {
                problem(path + ".attributes." + name, "attribute is not declared under attributes");
            }
            optional(path + ".attributes." + name, field, all);
        });
        return spec;
    }

    private SalesSpec sales(String path, SalesSpec spec, ProductsSpec products, List<SourceSpec> all) {
        FieldSpec productId = spec.productId();
        if (productId == null) {
            if (products == null) {
                problem(path + ".product-id", "required when the source yields no products");
            } else {
                productId = products.productId();
            }
        }
        optional(path + ".product-id", spec.productId(), all);
        FieldSpec region = spec.region() == null && products != null ? products.region() : spec.region();
        optional(path + ".region", spec.region(), all);
        WideSpec wide = spec.wide();
        if (wide != null) {
            wide(path + ".wide", wide, all);
            if (wide.step() != null && wide.columnDates() != null) {
                problem(path + ".wide", "give one of step (columns dated from an anchor) or column-dates (their names"
                        + " are their dates)");
            } else if (wide.columnDates() != null) {
                if (wide.anchor() != null) {
                    problem(path + ".wide.anchor", "column-dates dates each column by its name: no anchor");
                }
                try {
                    DatePatterns.formatter(wide.columnDates());
                } catch (IllegalArgumentException e) {
                    problem(path + ".wide.column-dates", "not a date pattern: " + e.getMessage());
                }
            } else if (wide.anchor() == null && wide.step() != null) {
                problem(path + ".wide.anchor", "a step dates the columns from the first one's date: give it as a"
                        + " column or a constant (2011-01-29)");
            } else if (wide.anchor() == null) {
                if (products == null || products.launchDate() == null) {
                    problem(path + ".wide.anchor", "required when the source yields no products with a launch date");
                } else {
                    wide = wide.withAnchor(products.launchDate());
                }
            }
            if (!spec.values().isEmpty()) {
                problem(path + ".values", "only long sales keep per-row values");
            }
        } else if (spec.date() == null || spec.units() == null) {
            problem(path, "long sales need date and units; wide sales need wide");
        }
        optional(path + ".date", spec.date(), all);
        optional(path + ".units", spec.units(), all);
        if (!(spec.scale() > 0) && !(spec.scale() < 0 && spec.returns())) {
            problem(path + ".scale", spec.scale() < 0 ? "negative for an export of returns only: declare returns: true"
                    : "must be positive");
        }
        spec.values().forEach((name, field) -> {
            if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
                problem(path + ".values." + name, "value names are lower-case identifiers");
            }
            required(path + ".values." + name, field, all);
        });
        return new SalesSpec(productId, region, spec.date(), spec.units(), wide, spec.scale(), spec.rounding(),
                spec.returns(), spec.values());
    }

    private SignalsSpec signals(String path, SignalsSpec spec, String sourceName, List<SourceSpec> all) {
        if (spec.wide() == null && (spec.term() == null || spec.value() == null)) {
            problem(path, "long signals need term and value; wide signals need wide");
        }
        if (spec.wide() != null) {
            wide(path + ".wide", spec.wide(), all);
            if (spec.wide().dated()) {
                problem(path + (spec.wide().step() != null ? ".wide.step" : ".wide.column-dates"),
                        "wide signals have one column per term, not per date (step, column-dates)");
            }
        }
        required(path + ".date", spec.date(), all);
        optional(path + ".term", spec.term(), all);
        optional(path + ".value", spec.value(), all);
        optional(path + ".signal", spec.signal(), all);
        return new SignalsSpec(spec.signal() == null ? new FieldSpec(null, sourceName, null) : spec.signal(),
                spec.term(), spec.date(), spec.value(), spec.wide());
    }

    private void wide(String path, WideSpec wide, List<SourceSpec> all) {
        int ways = (wide.columns().isEmpty() ? 0 : 1) + (wide.allOtherColumns() ? 1 : 0)
                + (wide.columnsMatching() == null ? 0 : 1);
        if (ways != 1) {
            problem(path + ".columns", "give one of columns, all-other-columns: true or columns-matching");
        }
        if (wide.columnsMatching() != null) {
            try {
                java.util.regex.Pattern.compile(wide.columnsMatching());
            } catch (java.util.regex.PatternSyntaxException e) {
                problem(path + ".columns-matching", "not a regular expression: " + e.getDescription());
            }
        }
        optional(path + ".anchor", wide.anchor(), all);
    }

    private void required(String path, FieldSpec field, List<SourceSpec> all) {
        if (field == null) {
            problem(path, "required");
        } else {
            field(path, field, all);
        }
    }

    private void optional(String path, FieldSpec field, List<SourceSpec> all) {
        if (field != null) {
            field(path, field, all);
        }
    }

    private void field(String path, FieldSpec field, List<SourceSpec> all) {
        if ((field.column() != null ? 1 : 0) + (field.columns() != null ? 1 : 0) + (field.constant() != null ? 1 : 0)
                != 1) {
            problem(path, "give exactly one of column, columns or constant");
        }
        if (field.columns() != null && field.columns().isEmpty()) {
            problem(path + ".columns", "name at least one column");
        }
        if (field.columns() == null && !field.separator().equals(" ")) {
            problem(path + ".separator", "joins the values of columns: give columns");
        }
        if (field.optional() && field.sourceColumns().isEmpty()) {
            problem(path + ".optional", "a column may be optional; a constant is always there");
        }
        if (field.format() != null && field.counts() != null) {
            problem(path, "give at most one of format (a date pattern) or counts (a number of steps from a date)");
        }
        if (field.format() != null) {
            try {
                DatePatterns.formatter(field.format());
            } catch (IllegalArgumentException e) {
                problem(path + ".format", "not a date pattern: " + e.getMessage());
            }
        }
        if (field.extract() != null) {
            regex(path + ".extract", field.extract());
        }
        if (field.lookup() != null && field.lookup().source() != null && all.stream().noneMatch(s ->
                field.lookup().source().equals(s.name()) && s.lookup() != null)) {
            problem(path + ".lookup.source", "no lookup source named " + field.lookup().source());
        }
        if (field.lookup() != null && field.constant() == null) {
            all.stream().filter(s -> s.lookup() != null && s.name().equals(field.lookup().source())
                            && s.lookup().key() != null && s.lookup().key().size() != field.sourceColumns().size())
                    .forEach(s -> problem(path + ".lookup", "lookup " + s.name() + " is keyed by "
                            + String.join(", ", s.lookup().key()) + ": the field needs as many columns, in that order"
                            + " (columns: [...]), it reads " + String.join(", ", field.sourceColumns())));
        }
    }

    private void regex(String path, String regex) {
        try {
            java.util.regex.Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problem(path, "not a regular expression: " + e.getDescription());
        }
    }

    /** Sales are checked against the products accepted so far, so their sources must come later. */
    private void checkOrder(List<SourceSpec> sources) {
        boolean anyProducts = sources.stream().anyMatch(s -> s.products() != null);
        boolean productsSeen = false;
        for (int i = 0; i < sources.size(); i++) {
            productsSeen |= sources.get(i).products() != null;
            if (anyProducts && !productsSeen && sources.get(i).sales() != null) {
                problem("sources[" + i + "]", "sales refer to products, so list the products source(s) before it");
            }
        }
    }

    private void checkNames(List<SourceSpec> sources) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).name() != null && !seen.add(sources.get(i).name())) {
                problem("sources[" + i + "].name", "two sources are named " + sources.get(i).name());
            }
        }
    }

    /** Sales whose rows carry their own dates: long sales, or wide sales stepping from an anchor date. */
    private static boolean hasDatedSales(SourceSpec source) {
        return source.sales() != null && (source.sales().wide() == null || source.sales().wide().dated());
    }

    private LaunchAttributes launchAttributes(MappingDocument doc, Map<String, Attribute> attributes,
            List<SourceSpec> sources) {
        var spec = doc.launchAttributes();
        if (spec == null) {
            return LaunchAttributes.NONE;
        }
        int from = spec.window() == null || spec.window().from() == null ? 0 : spec.window().from();
        int to = spec.window() == null || spec.window().to() == null ? from : spec.window().to();
        if (from > to) {
            problem("launch-attributes.window", "from is after to");
        }
        Set<String> values = new java.util.HashSet<>();
        sources.stream().filter(MappingReader::hasDatedSales).forEach(s -> values.addAll(s.sales().values().keySet()));
        Aggregate price = spec.price() == null ? null : aggregate("launch-attributes.price", spec.price(), values);
        if (price != null && !price.function().numeric()) {
            problem("launch-attributes.price", "a price is a number: median, mean, min, max or per-unit");
        }
        Map<String, Aggregate> taken = new LinkedHashMap<>();
        if (spec.attributes() != null) {
            spec.attributes().forEach((name, aggregateSpec) -> {
                String path = "launch-attributes.attributes." + name;
                Attribute attribute = attributes.get(name);
                if (attribute == null) {
                    problem(path, "attribute is not declared under attributes");
                    return;
                }
                boolean mappedToo = sources.stream().anyMatch(s -> s.products() != null
                        && s.products().attributes().containsKey(name));
                if (mappedToo) {
                    problem(path, "the attribute is also mapped under a products source: give it one origin");
                }
                Aggregate aggregate = aggregate(path, aggregateSpec, values);
                boolean count = aggregate != null && aggregate.function() == Mapping.Function.DISTINCT;
                if (count && attribute.type() != ColumnType.INTEGER && attribute.type() != ColumnType.DOUBLE) {
                    problem(path, "a distinct count is a number: declare the attribute as integer");
                } else if (!count && aggregate != null && aggregate.function().numeric()
                        && attribute.type() != ColumnType.DOUBLE) {
                    problem(path, "a " + aggregate.function().name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + " is a number: declare the attribute as double");
                }
                if (aggregate != null) {
                    taken.put(name, aggregate);
                }
            });
        }
        LaunchAttributes result = new LaunchAttributes(from, to, price, taken);
        if (result.needsTransactions() && values.isEmpty()) {
            problem("launch-attributes", "needs a long sales source that keeps values (sales.values)");
        }
        if (!result.needsTransactions() && sources.stream().noneMatch(s -> s.sales() != null)) {
            problem("launch-attributes", "needs a sales source");
        }
        return result;
    }

    private Aggregate aggregate(String path, AggregateSpec spec, Set<String> values) {
        if (spec == null) {
            problem(path, "give a function: median, mean, min, max, per-unit, distinct, most-frequent or first");
            return null;
        }
        Map<Mapping.Function, String> given = new LinkedHashMap<>();
        put(given, Mapping.Function.MEDIAN, spec.median());
        put(given, Mapping.Function.MEAN, spec.mean());
        put(given, Mapping.Function.MIN, spec.min());
        put(given, Mapping.Function.MAX, spec.max());
        put(given, Mapping.Function.PER_UNIT, spec.perUnit());
        put(given, Mapping.Function.DISTINCT, spec.distinct());
        put(given, Mapping.Function.MOST_FREQUENT, spec.mostFrequent());
        put(given, Mapping.Function.FIRST, spec.first());
        if (given.size() != 1) {
            problem(path, "give exactly one function: median, mean, min, max, per-unit, distinct, most-frequent or first");
            return null;
        }
        var entry = given.entrySet().iterator().next();
        boolean ofRegions = entry.getKey() == Mapping.Function.DISTINCT && Aggregate.REGION.equals(entry.getValue());
        if (!ofRegions && !values.isEmpty() && !values.contains(entry.getValue())) {
            problem(path, "no sales source keeps a value named " + entry.getValue() + " (sales.values)");
        }
        Mapping.Periods window = null;
        if (spec.window() != null) {
            int from = spec.window().from() == null ? 0 : spec.window().from();
            int to = spec.window().to() == null ? from : spec.window().to();
            if (from > to) {
                problem(path + ".window", "from is after to");
            }
            window = new Mapping.Periods(from, to);
        }
        return new Aggregate(entry.getKey(), entry.getValue(), window);
    }

    private static void put(Map<Mapping.Function, String> given, Mapping.Function function, String value) {
        if (value != null) {
            given.put(function, value);
        }
    }

    /**
     * Turns what Jackson cannot bind into problems and carries on, so that one file yields every problem: an
     * unknown key is skipped, a value of the wrong type or shape becomes no value.
     */
    private final class Collector extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) {
            TokenStreamContext context = p.streamReadContext();
            if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                context = context.getParent();
            }
            String path = YamlLines.path(context, false);
            problem(path.isEmpty() ? propertyName : path + "." + propertyName, "unknown key");
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) {
            unreadable(here(ctxt.getParser()), "'" + value + "' is not " + expected(targetType));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) {
            unreadable(here(ctxt.getParser()), value + " is not " + expected(targetType));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken token,
                JsonParser p, String failureMsg) {
            String path = here(p);
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
            unreadable(path, (token == JsonToken.START_ARRAY ? "a list" : token == JsonToken.START_OBJECT ? "a mapping of keys"
                    : "this value") + " is not " + expected(targetType.getRawClass()));
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? "not valid" : root.getMessage().lines().findFirst().orElse("");
            unreadable(here(ctxt.getParser()), message);
            return null;
        }

        private void unreadable(String path, String message) {
            unreadable.add(path);
            problem(path, message);
        }

        private String here(JsonParser p) {
            TokenStreamContext context = p.streamReadContext();
            JsonToken token = p.currentToken();
            // on START_* the context is the new container's (its name is the parent's); on END_* it has already
            // returned to the enclosing one, whose current name is the container's key
            boolean opened = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
            return YamlLines.path(context, !opened);
        }

        private static String expected(Class<?> type) {
            if (type == Integer.class || type == int.class || type == Long.class) {
                return "an integer";
            }
            if (type == Double.class || type == double.class) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type == java.time.LocalDate.class) {
                return "an ISO date (yyyy-MM-dd)";
            }
            if (type == String.class) {
                return "a text value";
            }
            if (List.class.isAssignableFrom(type)) {
                return "a list";
            }
            if (type.isEnum()) {
                return "one of " + Stream.of(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT)
                        .replace('_', '-')).toList();
            }
            return "of the expected form (see docs/mapping.md)";
        }
    }
}
