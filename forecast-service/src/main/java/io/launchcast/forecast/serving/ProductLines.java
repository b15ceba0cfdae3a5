package io.launchcast.forecast.serving;

import io.launchcast.platform.problem.FieldError;
import io.launchcast.platform.problem.LaunchcastProblemAdvice;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads products from the line formats of the inference contract: a JSON object per line, or a CSV line
 * {@code product_id,launch_date,<each model attribute in order>[,price[,region]]} (RFC 4180 quoting, one record per
 * line). A bad line raises
 * {@link InvalidForecastRequestException} naming it. A product read from a line is held to the same constraints
 * as one in a JSON request body ({@link NewProduct}'s annotations), so no format can let through what another
 * refuses (a missing id, a negative price).
 */
public final class ProductLines {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
    private static final Validator CONSTRAINTS = Validation.buildDefaultValidatorFactory().getValidator();

    private final JsonMapper json;

    public ProductLines(JsonMapper json) {
        this.json = json;
    }

    /** True for a CSV header line, which carries no product. */
    public static boolean isCsvHeader(String line) {
        return line.toLowerCase(Locale.ROOT).startsWith("product_id,");
    }

    public NewProduct fromJson(String text, String where) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, "not valid JSON: "
                    + e.getOriginalMessage())));
        }
        return fromJson(node, where);
    }

    public NewProduct fromJson(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            // a blank line, a JSON null or a bare value carries no product: an error line, not a crash
            throw new InvalidForecastRequestException(List.of(new FieldError(where,
                    "expected a JSON object with productId, launchDate and attributes; got " + describe(node))));
        }
        NewProduct product;
        try {
            product = json.treeToValue(node, NewProduct.class);
        } catch (DatabindException e) {
            // in the words a request body's problem uses, not Jackson's (Java types, the parser's state)
            String path = LaunchcastProblemAdvice.jsonPath(e);
            throw new InvalidForecastRequestException(List.of(new FieldError(path.isEmpty() ? where : where + "." + path,
                    LaunchcastProblemAdvice.expected(e))));
        } catch (JacksonException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, e.getOriginalMessage())));
        }
        return checked(product, where);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an empty line";
        }
        return node.isNull() ? "null" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code product} when it meets {@link NewProduct}'s constraints, else every violation, named. */
    private static NewProduct checked(NewProduct product, String where) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<NewProduct> v : CONSTRAINTS.validate(product)) {
            errors.add(new FieldError(where + "." + v.getPropertyPath(), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw new InvalidForecastRequestException(errors);
        }
        return product;
    }

    /** The cells of one CSV line as RFC 4180 reads them: quoted fields may hold commas and doubled quotes. */
    static String[] cells(String line, String where) {
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(line)) {
            return rows.hasNext() ? rows.next() : new String[0];
        } catch (JacksonException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, "not a CSV line: "
                    + e.getOriginalMessage())));
        }
    }

    public NewProduct fromCsv(String line, List<String> attributes, String where) {
        String[] cells = cells(line, where);
        if (cells.length < 2 + attributes.size() || cells.length > 4 + attributes.size()) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, "expected product_id,launch_date,"
                    + String.join(",", attributes) + "[,price[,region]]; got " + cells.length + " columns")));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int a = 0; a < attributes.size(); a++) {
            if (!cells[2 + a].isBlank()) {
                values.put(attributes.get(a), cells[2 + a].trim());
            }
        }
        List<FieldError> errors = new ArrayList<>();
        LocalDate launch = null;
        try {
            launch = LocalDate.parse(cells[1].trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(where + ".launch_date", "must be a date of the form YYYY-MM-DD, not '"
                    + cells[1].trim() + "'"));
        }
        Double price = null;
        String priceCell = cells.length > 2 + attributes.size() ? cells[2 + attributes.size()].trim() : "";
        try {
            price = priceCell.isEmpty() ? null : Double.valueOf(priceCell);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(where + ".price", "must be a number, not '" + priceCell + "'"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidForecastRequestException(errors);
        }
        // one region a line: a CSV output line holds one forecast, so a product in several regions takes a line each
        String region = cells.length > 3 + attributes.size() ? cells[3 + attributes.size()].trim() : "";
        return checked(new NewProduct(cells[0].trim(), values, launch, region.isEmpty() ? null : List.of(region), price),
                where);
    }
}
