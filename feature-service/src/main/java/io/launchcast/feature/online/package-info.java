/**
 * The online store: the latest record per id of each feature group, for low-latency reads at inference.
 */
package io.launchcast.feature.online;
