/** aws mode's alarm definitions: CloudWatch metric alarms created with PutMetricAlarm. */
package io.launchcast.monitor.alarms.aws;
