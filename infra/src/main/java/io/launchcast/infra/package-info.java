/**
 * The Launchcast AWS deployment as an AWS CDK app: a stack per concern (data, identity, catalog, feature store,
 * ML, events, compute, API, observability) in each stage, and the delivery pipeline that deploys the stages.
 */
package io.launchcast.infra;
