package io.launchcast.monitor.runs;

/** A run was asked for a model group the monitor is not configured to watch. */
class UnknownModelException extends RuntimeException {

    UnknownModelException(String group) {
        super("model group '" + group + "' is not monitored (launchcast.monitor.models)");
    }
}
