/**
 * What the CDK app is told: the services' own configuration files (names, ports, retention, namespace), read
 * from the repository so that the deployment and the services cannot drift apart, and the context values of a
 * deployment (accounts, certificate, pipeline source).
 */
package io.launchcast.infra.config;
