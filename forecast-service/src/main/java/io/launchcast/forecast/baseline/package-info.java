/**
 * What the monitor compares a registered model version's serving with, in SageMaker Model Monitor's file
 * formats: the reference of the version's own forecasts ({@code forecast-statistics.json}), written by the training
 * pipeline's baseline step next to the input baseline ({@code statistics.json}, {@code constraints.json}).
 */
package io.launchcast.forecast.baseline;
