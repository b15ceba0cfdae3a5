/**
 * How the services name a registered model version to each other: forecasts carry it, captures keep it, and
 * monitoring finds the version's baseline and thresholds by it.
 */
package io.launchcast.platform.models;
