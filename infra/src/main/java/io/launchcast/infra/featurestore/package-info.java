/** Feature store: the SageMaker feature groups (online and offline) of feature-groups.yml. */
package io.launchcast.infra.featurestore;
