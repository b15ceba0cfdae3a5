/** Observability: dashboard of the services' meters, alarms with an SNS topic, log export to S3. */
package io.launchcast.infra.observability;
