/**
 * Reading a curated canonical dataset version (products, long sales, signals and the manifest) from a local
 * directory into memory, with DuckDB over the Parquet files so that whatever partitioning ingestion chose is
 * read the same way.
 */
package io.launchcast.features.dataset;
