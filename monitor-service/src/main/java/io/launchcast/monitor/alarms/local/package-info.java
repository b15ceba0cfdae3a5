/** Local mode's alarm definitions: kept in memory, applied by the local evaluator. */
package io.launchcast.monitor.alarms.local;
