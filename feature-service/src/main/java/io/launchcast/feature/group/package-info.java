/**
 * Feature groups: declared sets of features with a record identifier and an event time, and the records they
 * hold. The same groups feed training (offline store) and inference (online store), so there is no skew.
 */
package io.launchcast.feature.group;
