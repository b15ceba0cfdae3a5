/**
 * Curated datasets: staged canonical rows are transformed by the one SQL definition ({@code transform.sql}),
 * written as zstd Parquet partitioned by region/signal and year, hashed by content, and published under
 * {@code curated/<dataset>/v=<version>/} with {@code _manifest.json} written last (docs/adr/0005).
 */
package io.launchcast.ingestion.curated;
