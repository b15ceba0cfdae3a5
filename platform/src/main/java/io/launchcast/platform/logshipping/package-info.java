/**
 * Local mode's counterpart of the CloudWatch Logs to S3 export: each service's structured JSON log file (the
 * rolling file Spring Boot writes beside the console) is shipped on a schedule to the object store under
 * {@code logs/<service>/<yyyy>/<MM>/<dd>/}, every line exactly once across rollovers and restarts. Off in aws mode,
 * where the awslogs driver and the export task do it.
 */
package io.launchcast.platform.logshipping;
