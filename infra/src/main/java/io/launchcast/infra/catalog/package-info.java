/** Catalog and ETL: the Glue database, the generic transformation job ingestion starts, its role. */
package io.launchcast.infra.catalog;
