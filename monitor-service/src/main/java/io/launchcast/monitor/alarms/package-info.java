/** Local alarms with CloudWatch's evaluation semantics, fed by monitoring runs; ALARM publishes AlarmRaised. */
package io.launchcast.monitor.alarms;
