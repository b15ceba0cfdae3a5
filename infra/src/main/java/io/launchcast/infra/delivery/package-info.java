/** Delivery: image repositories and the CodePipeline from commit to production. */
package io.launchcast.infra.delivery;
