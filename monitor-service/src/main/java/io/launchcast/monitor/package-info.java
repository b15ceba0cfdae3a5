/**
 * The monitor service. Drift and forecast-quality monitoring, metrics and alarms, retraining triggers (the CloudWatch layer).
 */
package io.launchcast.monitor;
