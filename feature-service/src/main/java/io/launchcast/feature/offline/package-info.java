/**
 * The offline store: every feature record ever written, append-only Parquet in the object store with its event
 * time and write time, laid out as SageMaker Feature Store's offline store (hive partitions by event time), and
 * point-in-time queries over it with an embedded DuckDB.
 */
package io.launchcast.feature.offline;
