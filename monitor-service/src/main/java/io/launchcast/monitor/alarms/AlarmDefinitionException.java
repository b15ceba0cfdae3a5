package io.launchcast.monitor.alarms;

/** An alarm could not be defined where the port keeps them (e.g. CloudWatch refused or was unreachable). */
public class AlarmDefinitionException extends RuntimeException {

    public AlarmDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
