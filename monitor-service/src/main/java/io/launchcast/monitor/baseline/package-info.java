/** Monitoring baselines in Model Monitor's {@code statistics.json} / {@code constraints.json} format. */
package io.launchcast.monitor.baseline;
