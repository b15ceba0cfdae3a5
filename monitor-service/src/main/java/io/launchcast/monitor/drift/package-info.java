/** Drift measures between a baseline and a window of captured records. */
package io.launchcast.monitor.drift;
