/**
 * The training pipeline runner: named steps (prepare → train → evaluate → gate → register → baseline), each
 * cached by the hash of its inputs (upstream outputs, parameters, code version), so a re-run with nothing
 * changed does no work and a changed hyperparameter re-runs train and what follows, nothing before. Runs and
 * steps have status, timings, attempts and logs, persisted in the object store.
 */
package io.launchcast.forecast.pipeline;
