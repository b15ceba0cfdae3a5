package io.launchcast.forecast.serving;

/** Where inferences go for monitoring (data capture); must never slow down or fail the request. */
public interface CaptureSink {

    /** Records one inference: what came in and what went out, as objects to be serialised. */
    void capture(String channel, Object input, Object output);

    /**
     * As {@link #capture}, with both payloads already serialised as JSON: a batch writes each answer's JSON
     * once for its output line and reuses it here.
     */
    void captureJson(String channel, String inputJson, String outputJson);

    /** A sink that keeps nothing: for a runner whose inferences are captured elsewhere (or not at all). */
    static CaptureSink discarding() {
        return new CaptureSink() {
            @Override
            public void capture(String channel, Object input, Object output) {
            }

            @Override
            public void captureJson(String channel, String inputJson, String outputJson) {
            }
        };
    }
}
