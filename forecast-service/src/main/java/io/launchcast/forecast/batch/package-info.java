/**
 * Batch forecasts: a JSON Lines or CSV object of products in, one output line per input line (the input joined
 * to its forecast) out, in parts written atomically, so a job restarted after a crash skips the parts already
 * written and ends with exactly one line per input. In aws mode the same request becomes a SageMaker Batch
 * Transform job.
 */
package io.launchcast.forecast.batch;
