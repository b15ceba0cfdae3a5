/**
 * Training sets exported by the feature store, read back as the launch features a model trains on: the bridge
 * between the offline store's columns and {@link io.launchcast.features.compute.LaunchFeatures}.
 */
package io.launchcast.features.trainingset;
