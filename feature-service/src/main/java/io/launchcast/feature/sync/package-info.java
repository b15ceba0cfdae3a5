/**
 * Keeps the stores in step with the curated data: on {@code DatasetPublished}, computes the launch features of
 * every product as of its launch date with the shared {@code features} library and writes them to the offline
 * and online stores. Idempotent per dataset version and feature definitions.
 */
package io.launchcast.feature.sync;
