/**
 * Ingestion runs: how they are started (REST request, a landing object's event), executed (read, map, judge,
 * stage, transform, publish), tracked (a run record in the object store, so state survives restarts) and
 * recovered (a run cut off by a crash is reported failed and its unpublished files removed).
 */
package io.launchcast.ingestion.run;
