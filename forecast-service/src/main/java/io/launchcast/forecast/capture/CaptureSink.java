package io.launchcast.forecast.capture;

/** Where inferences go for monitoring (data capture); must never slow down or fail the request. */
public interface CaptureSink {

    /** Records one inference: what came in and what went out, as objects to be serialised. */
    void capture(String channel, Object input, Object output);

    /**
     * As {@link #capture}, with both payloads already serialised as JSON: a batch writes each answer's JSON
     * once for its output line and reuses it here.
     */
    void captureJson(String channel, String inputJson, String outputJson);

    /**
     * One inference of a batch job, both payloads as JSON, sampled at the job's own percentage ({@code null}:
     * the configured one). Unlike a request, a batch job waits for room in the buffer instead of losing the
     * record: a job can afford the wait, and a record left out by sampling is a choice where a dropped one is a
     * loss.
     */
    void captureBatchJson(String inputJson, String outputJson, Integer samplingPercentage)
            throws InterruptedException;

    /** A sink that keeps nothing: for a runner whose inferences are captured elsewhere (or not at all). */
    static CaptureSink discarding() {
        return new CaptureSink() {
            @Override
            public void capture(String channel, Object input, Object output) {
            }

            @Override
            public void captureJson(String channel, String inputJson, String outputJson) {
            }

            @Override
            public void captureBatchJson(String inputJson, String outputJson, Integer samplingPercentage) {
            }
        };
    }
}
