package io.launchcast.monitor.runs;

/** Told of every completed run (metrics and alarms hang here). */
public interface MonitoringRunListener {

    void completed(MonitoringRun run);
}
