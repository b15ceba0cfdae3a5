/** The local catalog: manifests in the object store are all a local reader needs. */
package io.launchcast.ingestion.catalog.local;
