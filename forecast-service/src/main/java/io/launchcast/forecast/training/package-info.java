/**
 * The training pipeline's steps: prepare (point-in-time training set from a curated dataset version), train
 * (the ensemble, serialized reproducibly), evaluate (the configured split against the baselines), quality gate,
 * register, and the monitoring baseline. Everything dataset-specific comes from the training configuration.
 */
package io.launchcast.forecast.training;
