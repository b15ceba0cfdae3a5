package io.launchcast.feature.group;

/** Feature types, named as SageMaker Feature Store names them. */
public enum FeatureType {
    String, Fractional, Integral
}
