package io.launchcast.forecast.serving;

/** Where inferences go for monitoring (data capture); must never slow down or fail the request. */
public interface CaptureSink {

    /** Records one inference: what came in and what went out, as objects to be serialised. */
    void capture(String channel, Object input, Object output);
}
