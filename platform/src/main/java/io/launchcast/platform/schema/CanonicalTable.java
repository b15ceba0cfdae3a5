package io.launchcast.platform.schema;

import java.util.List;
import java.util.Optional;

/**
 * A canonical table: fixed columns every source must provide (or declare optional), plus, for products,
 * the attribute columns each mapping declares with their types.
 */
public record CanonicalTable(String name, List<Column> columns) {

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
