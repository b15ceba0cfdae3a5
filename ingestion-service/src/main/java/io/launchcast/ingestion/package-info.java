/**
 * The ingestion service. Enterprise data into curated, versioned datasets in the object store (the Glue layer).
 */
package io.launchcast.ingestion;
