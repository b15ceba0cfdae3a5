package io.launchcast.monitor.capture;

import java.util.List;

/**
 * The records captured in one window, and what could not be read: {@code linesRead} = lines that yielded
 * records + {@code malformedLines}, so the counts reconcile.
 */
public record CapturedWindow(List<CapturedRecord> records, long linesRead, long malformedLines, int objectsRead) {
}
