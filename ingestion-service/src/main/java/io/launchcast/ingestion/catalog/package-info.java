/**
 * Registering published dataset versions in a data catalog. Locally the manifests are the catalog; in aws
 * mode the tables and their partitions are registered in the Glue Data Catalog, so Athena, Spark and Glue
 * jobs can query them by name.
 */
package io.launchcast.ingestion.catalog;
