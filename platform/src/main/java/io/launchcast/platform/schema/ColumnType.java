package io.launchcast.platform.schema;

/** Logical column types of the canonical tables (stored as the matching Parquet types). */
public enum ColumnType {
    STRING, INTEGER, DOUBLE, DATE, TIMESTAMP
}
