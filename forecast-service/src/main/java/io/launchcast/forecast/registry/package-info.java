/**
 * The model registry: model package groups and their versions, each with metrics, full lineage and an approval
 * status ({@code PendingManualApproval | Approved | Rejected}, as SageMaker Model Registry names them), and the
 * champion alias that serving follows. Models are loaded only from here.
 */
package io.launchcast.forecast.registry;
