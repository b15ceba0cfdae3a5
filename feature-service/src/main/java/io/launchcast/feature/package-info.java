/**
 * The feature service. Feature definitions, offline and online stores, point-in-time training sets (the Feature Store layer).
 */
package io.launchcast.feature;
