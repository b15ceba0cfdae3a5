/**
 * The forecast service. Cold-start models, training pipeline, model registry and the forecasting API (the SageMaker layer).
 */
package io.launchcast.forecast;
