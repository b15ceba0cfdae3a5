package io.launchcast.forecast.serving;

import io.launchcast.platform.problem.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads products from the line formats of the inference contract: a JSON object per line, or a CSV line
 * {@code product_id,launch_date,<each model attribute in order>[,price]}. A bad line raises
 * {@link InvalidForecastRequestException} naming it.
 */
public final class ProductLines {

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
        NewProduct product;
        try {
            product = json.treeToValue(node, NewProduct.class);
        } catch (JacksonException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, e.getOriginalMessage())));
        }
        List<FieldError> errors = new ArrayList<>();
        if (product.attributes() == null) {
            errors.add(new FieldError(where + ".attributes", "must not be null"));
        }
        if (product.launchDate() == null) {
            errors.add(new FieldError(where + ".launchDate", "must not be null"));
        }
        if (product.price() != null && product.price() < 0) {
            errors.add(new FieldError(where + ".price", "must be greater than or equal to 0"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidForecastRequestException(errors);
        }
        return product;
    }

    public NewProduct fromCsv(String line, List<String> attributes, String where) {
        String[] cells = line.split(",", -1);
        if (cells.length < 2 + attributes.size() || cells.length > 3 + attributes.size()) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where, "expected product_id,launch_date,"
                    + String.join(",", attributes) + "[,price]; got " + cells.length + " columns")));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int a = 0; a < attributes.size(); a++) {
            if (!cells[2 + a].isBlank()) {
                values.put(attributes.get(a), cells[2 + a].trim());
            }
        }
        try {
            Double price = cells.length > 2 + attributes.size() && !cells[2 + attributes.size()].isBlank()
                    ? Double.valueOf(cells[2 + attributes.size()].trim()) : null;
            return new NewProduct(cells[0].trim(), values, LocalDate.parse(cells[1].trim()), null, price);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError(where,
                    "launch_date must be YYYY-MM-DD and price a number: " + e.getMessage())));
        }
    }
}
