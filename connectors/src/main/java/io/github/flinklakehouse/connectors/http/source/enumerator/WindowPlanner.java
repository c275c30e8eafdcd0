package io.github.flinklakehouse.connectors.http.source.enumerator;

import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which time windows are due: a window {@code [s, s+size)} is due once {@code s+size+publishDelay}
 * has passed, and for a bounded run only while {@code s+size <= endTime}.
 */
final class WindowPlanner {

    private final long windowSizeMs;
    private final long publishDelayMs;
    private final long endMs;
    private final int maxWindows;

    WindowPlanner(HttpSourceOptions options) {
        this.windowSizeMs = options.windowSize().toMillis();
        this.publishDelayMs = options.publishDelay().toMillis();
        this.endMs = options.bounded() ? options.endTime().toEpochMilli() : Long.MAX_VALUE;
        this.maxWindows = options.maxWindowsPerDiscovery();
    }

    /** Windows of {@code endpointId} due at {@code nowMs}, starting at {@code nextStartMs}, oldest first. */
    List<HttpWindowSplit> dueWindows(String endpointId, long nextStartMs, long nowMs) {
        List<HttpWindowSplit> due = new ArrayList<>();
        long start = nextStartMs;
        while (due.size() < maxWindows && isDue(start, nowMs)) {
            due.add(HttpWindowSplit.unpolled(endpointId, start, start + windowSizeMs));
            start += windowSizeMs;
        }
        return due;
    }

    /** Whether a bounded run has created every window of the endpoint whose next window starts here. */
    boolean exhausted(long nextStartMs) {
        return nextStartMs + windowSizeMs > endMs;
    }

    long windowSizeMs() {
        return windowSizeMs;
    }

    private boolean isDue(long start, long nowMs) {
        long end = start + windowSizeMs;
        return end <= endMs && end + publishDelayMs <= nowMs;
    }
}
