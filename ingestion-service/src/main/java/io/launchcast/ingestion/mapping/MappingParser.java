package io.launchcast.ingestion.mapping;

import io.launchcast.platform.io.Sha256;
import io.launchcast.ingestion.mapping.Mapping.Attribute;
import io.launchcast.ingestion.mapping.Mapping.DateRange;
import io.launchcast.ingestion.mapping.SourceSpec.FieldSpec;
import io.launchcast.ingestion.mapping.SourceSpec.FileSpec;
import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import io.launchcast.ingestion.mapping.SourceSpec.JdbcSpec;
import io.launchcast.ingestion.mapping.SourceSpec.ProductsSpec;
import io.launchcast.ingestion.mapping.SourceSpec.SalesSpec;
import io.launchcast.ingestion.mapping.SourceSpec.SignalsSpec;
import io.launchcast.ingestion.mapping.SourceSpec.WideSpec;
import io.launchcast.platform.schema.ColumnType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a mapping from its YAML text and checks it completely: every problem is reported at once, with the
 * path of the offending key, so that a mapping author fixes a file in one go.
 */
public final class MappingParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> ROUNDINGS = Set.of("none", "half-up", "half-even");

    private final List<String> problems = new ArrayList<>();

    private MappingParser() {
    }

    /**
     * Parses and validates a mapping.
     *
     * @param origin where the text came from, for messages
     * @throws InvalidMappingException listing every problem found
     */
    public static Mapping parse(String yamlText, String origin) {
        return new MappingParser().read(yamlText, origin);
    }

    private Mapping read(String text, String origin) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new InvalidMappingException(origin, List.of("not valid YAML: " + e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidMappingException(origin, List.of("the document must be a mapping of keys"));
        }
        Node doc = new Node("", map);
        doc.allow("name", "version", "dataset", "period", "default-region", "rejected-share-threshold",
                "valid-dates", "attributes", "sources", "description");
        String name = doc.name("name");
        Integer version = doc.integer("version");
        String dataset = doc.has("dataset") ? doc.name("dataset") : name;
        Period period = doc.has("period") ? doc.choice("period", Period.class) : Period.WEEK;
        String region = doc.has("default-region") ? doc.string("default-region") : "all";
        double threshold = doc.has("rejected-share-threshold") ? doc.number("rejected-share-threshold") : 0.05;
        if (threshold < 0 || threshold > 1) {
            problems.add("rejected-share-threshold: must be between 0 and 1");
        }
        DateRange dates = new DateRange(LocalDate.of(1900, 1, 1), LocalDate.of(2199, 12, 31));
        if (doc.has("valid-dates")) {
            Node range = doc.node("valid-dates");
            range.allow("from", "to");
            dates = new DateRange(range.date("from"), range.date("to"));
        }
        Map<String, Attribute> attributes = attributes(doc);
        List<SourceSpec> sources = new ArrayList<>();
        List<Node> sourceNodes = doc.list("sources");
        if (sourceNodes.isEmpty()) {
            problems.add("sources: at least one source is needed");
        }
        for (Node source : sourceNodes) {
            sources.add(source(source, attributes));
        }
        boolean productsSeen = false;
        boolean anyProducts = sources.stream().anyMatch(s -> s.products() != null);
        for (int i = 0; i < sources.size(); i++) {
            SourceSpec source = sources.get(i);
            productsSeen |= source.products() != null;
            // sales are checked against the products accepted so far, so their sources must come later
            if (anyProducts && !productsSeen && source.sales() != null) {
                problems.add("sources[" + i + "]: sales refer to products, so list the products source(s) before it");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(origin, problems);
        }
        return new Mapping(name, version, dataset, period, region, threshold, dates, attributes, sources,
                Sha256.hex(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Map<String, Attribute> attributes(Node doc) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        if (!doc.has("attributes")) {
            return attributes;
        }
        Node node = doc.node("attributes");
        for (String attribute : node.keys()) {
            if (!ATTRIBUTE.matcher(attribute).matches()) {
                problems.add(node.path(attribute) + ": attribute names are lower-case identifiers");
            }
            Object declared = node.raw(attribute);
            String type;
            boolean required = false;
            if (declared instanceof Map<?, ?>) {
                Node spec = node.node(attribute);
                spec.allow("type", "required");
                type = spec.string("type");
                required = spec.bool("required", false);
            } else {
                type = node.string(attribute);
            }
            ColumnType columnType = null;
            switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
                case "string" -> columnType = ColumnType.STRING;
                case "integer" -> columnType = ColumnType.INTEGER;
                case "double" -> columnType = ColumnType.DOUBLE;
                case "date" -> columnType = ColumnType.DATE;
                default -> problems.add(node.path(attribute) + ": type must be string, integer, double or date");
            }
            attributes.put(attribute, new Attribute(attribute, columnType, required));
        }
        return attributes;
    }

    private SourceSpec source(Node node, Map<String, Attribute> attributes) {
        node.allow("name", "files", "jdbc", "format", "key", "required", "products", "sales", "signals");
        String name = node.name("name");
        List<FileSpec> files = new ArrayList<>();
        for (Node file : node.has("files") ? node.list("files") : List.<Node>of()) {
            file.allow("match", "split");
            files.add(new FileSpec(file.string("match"), file.has("split") ? file.string("split") : null));
        }
        JdbcSpec jdbc = null;
        if (node.has("jdbc")) {
            Node j = node.node("jdbc");
            j.allow("connection", "table", "query");
            jdbc = new JdbcSpec(j.string("connection"), j.has("table") ? j.string("table") : null,
                    j.has("query") ? j.string("query") : null);
            if ((jdbc.table() == null) == (jdbc.query() == null)) {
                problems.add(j.path("") + ": give exactly one of table or query");
            }
        }
        if (files.isEmpty() == (jdbc == null)) {
            problems.add(node.path("files") + ": a source has either files or jdbc");
        }
        FormatSpec format = format(node);
        List<String> key = node.has("key") ? node.strings("key") : List.of();
        boolean required = node.bool("required", true);
        ProductsSpec products = node.has("products") ? products(node.node("products"), attributes) : null;
        SalesSpec sales = node.has("sales") ? sales(node.node("sales"), products) : null;
        SignalsSpec signals = node.has("signals") ? signals(node.node("signals"), name) : null;
        if (products == null && sales == null && signals == null) {
            problems.add(node.path("") + ": a source yields products, sales or signals");
        }
        return new SourceSpec(name, files, jdbc, format, key, required, products, sales, signals);
    }

    private FormatSpec format(Node source) {
        FormatSpec defaults = FormatSpec.csv();
        if (!source.has("format")) {
            return defaults;
        }
        Node f = source.node("format");
        f.allow("type", "delimiter", "quote", "encoding", "multiline", "compression");
        String type = f.has("type") ? f.string("type") : "csv";
        if (!Set.of("csv", "jsonl").contains(type)) {
            problems.add(f.path("type") + ": csv or jsonl");
        }
        String delimiter = f.has("delimiter") ? f.string("delimiter") : defaults.delimiter();
        if (delimiter != null && delimiter.equals("\\t")) {
            delimiter = "\t";
        }
        if (delimiter == null || delimiter.length() != 1) {
            problems.add(f.path("delimiter") + ": one character");
        }
        String quote = f.has("quote") ? f.string("quote") : defaults.quote();
        if (quote == null || quote.length() != 1) {
            problems.add(f.path("quote") + ": one character");
        }
        String encoding = f.has("encoding") ? f.string("encoding") : defaults.encoding();
        try {
            Charset.forName(encoding);
        } catch (RuntimeException e) {
            problems.add(f.path("encoding") + ": unknown charset " + encoding);
        }
        String compression = f.has("compression") ? f.string("compression") : "auto";
        if (!Set.of("auto", "gzip", "none").contains(compression)) {
            problems.add(f.path("compression") + ": auto, gzip or none");
        }
        return new FormatSpec(type, delimiter, quote, encoding, f.bool("multiline", false), compression);
    }

    private ProductsSpec products(Node node, Map<String, Attribute> declared) {
        node.allow("product-id", "launch-date", "region", "price", "attributes");
        Map<String, FieldSpec> attributes = new LinkedHashMap<>();
        if (node.has("attributes")) {
            Node a = node.node("attributes");
            for (String attribute : a.keys()) {
                if (!declared.containsKey(attribute)) {
                    problems.add(a.path(attribute) + ": attribute is not declared under attributes");
                }
                attributes.put(attribute, a.field(attribute));
            }
        }
        return new ProductsSpec(node.requiredField("product-id"), node.requiredField("launch-date"),
                node.optionalField("region"), node.optionalField("price"), attributes);
    }

    private SalesSpec sales(Node node, ProductsSpec products) {
        node.allow("product-id", "region", "date", "units", "wide", "scale", "rounding", "returns");
        FieldSpec productId = node.optionalField("product-id");
        if (productId == null) {
            if (products == null) {
                problems.add(node.path("product-id") + ": required when the source yields no products");
            } else {
                productId = products.productId();
            }
        }
        FieldSpec region = node.optionalField("region");
        if (region == null && products != null) {
            region = products.region();
        }
        WideSpec wide = null;
        if (node.has("wide")) {
            wide = wide(node.node("wide"));
            if (wide.anchor() == null) {
                if (products == null) {
                    problems.add(node.path("wide.anchor") + ": required when the source yields no products");
                } else {
                    wide = new WideSpec(wide.columns(), wide.allOtherColumns(), products.launchDate(), wide.missing());
                }
            }
        } else if (!node.has("date") || !node.has("units")) {
            problems.add(node.path("") + ": long sales need date and units; wide sales need wide");
        }
        double scale = node.has("scale") ? node.number("scale") : 1.0;
        if (!(scale > 0)) {
            problems.add(node.path("scale") + ": must be positive");
        }
        String rounding = node.has("rounding") ? node.string("rounding") : "none";
        if (!ROUNDINGS.contains(rounding)) {
            problems.add(node.path("rounding") + ": none, half-up or half-even");
        }
        return new SalesSpec(productId, region, node.optionalField("date"), node.optionalField("units"), wide,
                scale, rounding, node.bool("returns", false));
    }

    private SignalsSpec signals(Node node, String sourceName) {
        node.allow("signal", "term", "date", "value", "wide");
        FieldSpec signal = node.has("signal") ? node.field("signal") : new FieldSpec(null, sourceName, null);
        WideSpec wide = node.has("wide") ? wide(node.node("wide")) : null;
        if (wide == null && (!node.has("term") || !node.has("value"))) {
            problems.add(node.path("") + ": long signals need term and value; wide signals need wide");
        }
        return new SignalsSpec(signal, node.optionalField("term"), node.requiredField("date"),
                node.optionalField("value"), wide);
    }

    private WideSpec wide(Node node) {
        node.allow("columns", "all-other-columns", "anchor", "missing");
        List<String> columns = node.has("columns") ? node.strings("columns") : List.of();
        boolean allOther = node.bool("all-other-columns", false);
        if (columns.isEmpty() == !allOther) {
            problems.add(node.path("columns") + ": give either columns or all-other-columns: true");
        }
        return new WideSpec(columns, allOther, node.optionalField("anchor"),
                node.has("missing") ? node.strings("missing") : List.of());
    }

    /** A YAML mapping node with its path, collecting problems instead of throwing. */
    private final class Node {

        private final String path;
        private final Map<?, ?> map;

        Node(String path, Map<?, ?> map) {
            this.path = path;
            this.map = map;
        }

        String path(String key) {
            return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
        }

        boolean has(String key) {
            return map.get(key) != null;
        }

        Object raw(String key) {
            return map.get(key);
        }

        List<String> keys() {
            return map.keySet().stream().map(String::valueOf).toList();
        }

        void allow(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (Object key : map.keySet()) {
                if (!allowed.contains(String.valueOf(key))) {
                    problems.add(path(String.valueOf(key)) + ": unknown key");
                }
            }
        }

        String string(String key) {
            Object value = map.get(key);
            if (value == null || value instanceof Map || value instanceof List) {
                problems.add(path(key) + ": a text value is required");
                return null;
            }
            return String.valueOf(value);
        }

        String name(String key) {
            String value = string(key);
            if (value != null && !NAME.matcher(value).matches()) {
                problems.add(path(key) + ": lower-case letters, digits, '-' and '_' only");
            }
            return value;
        }

        Integer integer(String key) {
            Object value = map.get(key);
            if (value instanceof Integer i && i > 0) {
                return i;
            }
            problems.add(path(key) + ": a positive integer is required");
            return 0;
        }

        double number(String key) {
            Object value = map.get(key);
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            problems.add(path(key) + ": a number is required");
            return 0;
        }

        boolean bool(String key, boolean fallback) {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            problems.add(path(key) + ": true or false");
            return fallback;
        }

        LocalDate date(String key) {
            Object value = map.get(key);
            if (value instanceof java.util.Date d) {
                return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            }
            try {
                return LocalDate.parse(String.valueOf(value));
            } catch (RuntimeException e) {
                problems.add(path(key) + ": an ISO date is required");
                return LocalDate.of(1900, 1, 1);
            }
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String value = string(key);
            try {
                return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(path(key) + ": one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
                return type.getEnumConstants()[0];
            }
        }

        Node node(String key) {
            Object value = map.get(key);
            if (value instanceof Map<?, ?> child) {
                return new Node(path(key), child);
            }
            problems.add(path(key) + ": a mapping of keys is required");
            return new Node(path(key), Map.of());
        }

        List<Node> list(String key) {
            Object value = map.get(key);
            List<Node> nodes = new ArrayList<>();
            if (!(value instanceof List<?> items)) {
                problems.add(path(key) + ": a list is required");
                return nodes;
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> child) {
                    nodes.add(new Node(path(key) + "[" + i + "]", child));
                } else {
                    problems.add(path(key) + "[" + i + "]: a mapping of keys is required");
                }
            }
            return nodes;
        }

        List<String> strings(String key) {
            Object value = map.get(key);
            if (value instanceof List<?> items) {
                return items.stream().map(String::valueOf).toList();
            }
            problems.add(path(key) + ": a list of values is required");
            return List.of();
        }

        /** A field: a column name, or {column, format} or {constant}. */
        FieldSpec field(String key) {
            Object value = map.get(key);
            if (value instanceof Map<?, ?>) {
                Node f = node(key);
                f.allow("column", "constant", "format");
                String column = f.has("column") ? f.string("column") : null;
                String constant = f.has("constant") ? f.string("constant") : null;
                if ((column == null) == (constant == null)) {
                    problems.add(path(key) + ": give exactly one of column or constant");
                }
                String format = f.has("format") ? f.string("format") : null;
                if (format != null) {
                    try {
                        DateTimeFormatter.ofPattern(format);
                    } catch (IllegalArgumentException e) {
                        problems.add(path(key) + ".format: not a date pattern: " + e.getMessage());
                    }
                }
                return new FieldSpec(column, constant, format);
            }
            String column = string(key);
            return FieldSpec.column(column);
        }

        FieldSpec requiredField(String key) {
            if (!has(key)) {
                problems.add(path(key) + ": required");
                return FieldSpec.column("?");
            }
            return field(key);
        }

        FieldSpec optionalField(String key) {
            return has(key) ? field(key) : null;
        }
    }
}
