/** Compute: the four services on ECS Fargate behind the internal load balancers, with autoscaling. */
package io.launchcast.infra.compute;
