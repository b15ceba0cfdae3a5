/**
 * Curated dataset versions as every service sees them in the object store: which are published, which were
 * withdrawn (hidden from consumers, files kept until the retention sweep), and the newest one still usable.
 */
package io.launchcast.platform.datasets;
