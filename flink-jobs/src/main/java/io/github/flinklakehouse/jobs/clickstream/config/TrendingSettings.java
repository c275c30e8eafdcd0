package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Shape of one trending mart: every {@code refresh} (event time, UTC epoch-aligned) the top {@code topN} products by
 * events in the {@code window} before it.
 *
 * @param topN products per refresh
 * @param window how far back a refresh counts; a multiple of {@code refresh}
 * @param refresh how often a new ranking starts
 */
public record TrendingSettings(int topN, Duration window, Duration refresh) implements Serializable {

    public TrendingSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(refresh, "refresh");
        if (topN < 1) {
            throw new IllegalArgumentException("top N must be at least 1, was " + topN);
        }
        if (refresh.toMillis() <= 0 || window.toMillis() % refresh.toMillis() != 0) {
            throw new IllegalArgumentException("refresh " + refresh + " must be positive and divide window " + window);
        }
    }
}
