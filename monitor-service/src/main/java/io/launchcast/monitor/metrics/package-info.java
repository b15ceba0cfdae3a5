/** Monitoring figures as Micrometer meters. */
package io.launchcast.monitor.metrics;
