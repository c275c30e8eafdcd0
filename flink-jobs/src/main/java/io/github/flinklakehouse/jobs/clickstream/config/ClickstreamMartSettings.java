package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Shape of the clickstream marts that are not a plain period total.
 *
 * @param popularTopN products per day in {@code popular_products_daily}
 * @param trendingTopN products per refresh in {@code trending_products}
 * @param trendingWindow how far back {@code trending_products} counts carts (default 5 minutes)
 * @param trendingRefresh how often {@code trending_products} gets a new ranking (default 1 minute)
 * @param sessionTimeout event-time inactivity after which a session's row in {@code sessions} is final
 */
public record ClickstreamMartSettings(
        int popularTopN, int trendingTopN, Duration trendingWindow, Duration trendingRefresh, Duration sessionTimeout)
        implements Serializable {

    public ClickstreamMartSettings {
        Objects.requireNonNull(trendingWindow, "trendingWindow");
        Objects.requireNonNull(trendingRefresh, "trendingRefresh");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (popularTopN < 1 || trendingTopN < 1) {
            throw new IllegalArgumentException("top N values must be at least 1");
        }
    }

    /** The defaults of {@link ClickstreamOptions}. */
    public static ClickstreamMartSettings defaults() {
        return new ClickstreamMartSettings(
                ClickstreamOptions.MARTS_POPULAR_TOP_N.defaultValue(),
                ClickstreamOptions.MARTS_TRENDING_TOP_N.defaultValue(),
                ClickstreamOptions.MARTS_TRENDING_WINDOW.defaultValue(),
                ClickstreamOptions.MARTS_TRENDING_REFRESH.defaultValue(),
                ClickstreamOptions.MARTS_SESSION_TIMEOUT.defaultValue());
    }
}
