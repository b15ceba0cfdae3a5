/**
 * Glue adapters of aws mode: the Data Catalog registration of published versions and the Glue job client
 * that runs the transformation definition on Spark. The only package of the service that sees AWS SDK types.
 */
package io.launchcast.ingestion.catalog.aws;
