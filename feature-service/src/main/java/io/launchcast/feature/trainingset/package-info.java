/**
 * Training sets: the point-in-time join of every feature group for a list of entities (product ids with as-of
 * times) or for all launches in a date range, written as one Parquet file with a manifest. Identical requests
 * over identical stores give byte-identical files.
 */
package io.launchcast.feature.trainingset;
