/**
 * Data capture for monitoring: every (sampled) real-time and batch inference written to the object store in
 * SageMaker's data-capture JSON Lines layout, buffered off the request path and flushed on shutdown.
 */
package io.launchcast.forecast.capture;
