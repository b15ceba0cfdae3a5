/**
 * Turning source rows into canonical rows and judging them: type, required, range, date, referential and
 * duplicate checks. A row is accepted whole, rejected whole (with its reason, into quarantine) or dropped as
 * an identical duplicate; the three counts always add up to the rows read.
 */
package io.launchcast.ingestion.validation;
