package io.launchcast.platform.schema;

/** One column of a canonical table. */
public record Column(String name, ColumnType type, boolean required, String description) {
}
