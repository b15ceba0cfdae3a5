/** The API: API Gateway REST API with Cognito, API keys and usage plans, validation, access logs. */
package io.launchcast.infra.api;
