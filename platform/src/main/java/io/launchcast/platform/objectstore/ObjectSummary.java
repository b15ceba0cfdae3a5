package io.launchcast.platform.objectstore;

import java.time.Instant;

/** What a listing or a head request says about one stored object. */
public record ObjectSummary(String key, long size, String eTag, Instant lastModified) {
}
