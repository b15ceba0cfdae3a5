package io.launchcast.monitor.quality;

/** Forecast quality was asked of a model group the monitor does not watch. */
public class UnknownGroupException extends RuntimeException {

    UnknownGroupException(String group) {
        super("model group '" + group + "' is not monitored (launchcast.monitor.models)");
    }
}
