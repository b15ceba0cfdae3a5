package io.launchcast.monitor.capture;

import io.launchcast.platform.objectstore.ObjectSummary;
import java.util.List;

/**
 * The capture objects of an endpoint a reader will read, chosen before reading them.
 *
 * @param products how many distinct products the objects forecast, by their index entries: an upper bound of the
 *        forecasts to come (of each model version and region), known before any is read
 */
public record CaptureSelection(String endpoint, List<ObjectSummary> objects, long products) {
}
