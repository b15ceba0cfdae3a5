/**
 * Machine learning on SageMaker: model package group, execution roles, the forecast endpoint configuration
 * with data capture, and the model deployment an approval starts.
 */
package io.launchcast.infra.ml;
