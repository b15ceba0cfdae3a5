/** Data-quality and drift monitoring runs, on demand and on schedule, with their reports. */
package io.launchcast.monitor.runs;
