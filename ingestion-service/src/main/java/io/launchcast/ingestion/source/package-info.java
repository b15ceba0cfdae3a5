/**
 * Reading sources row by row without holding them in memory: CSV (any delimiter, quote and encoding), JSON
 * Lines, gzip-compressed or not, and JDBC tables or queries. A row that cannot be read is returned as a
 * malformed record with its raw text, never thrown, so one bad line cannot stop a run.
 */
package io.launchcast.ingestion.source;
