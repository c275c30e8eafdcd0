package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Shape of the clickstream marts that are not a plain period total.
 *
 * @param popularTopN products per day in {@code popular_products_daily}
 * @param trendingProducts shape of {@code trending_products} (carts; default top 10 of 5 minutes, every minute)
 * @param trendingFavorites shape of {@code trending_favorites} (favourites; same defaults)
 * @param searchQueriesTopN queries per day and region in {@code top_search_queries_daily}
 * @param sessionTimeout event-time inactivity after which a session's row in {@code sessions} is final
 */
public record ClickstreamMartSettings(
        int popularTopN, TrendingSettings trendingProducts, TrendingSettings trendingFavorites, int searchQueriesTopN,
        Duration sessionTimeout) implements Serializable {

    public ClickstreamMartSettings {
        Objects.requireNonNull(trendingProducts, "trendingProducts");
        Objects.requireNonNull(trendingFavorites, "trendingFavorites");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (popularTopN < 1 || searchQueriesTopN < 1) {
            throw new IllegalArgumentException("top N values must be at least 1");
        }
    }

    /** The defaults of {@link ClickstreamOptions}. */
    public static ClickstreamMartSettings defaults() {
        return new ClickstreamMartSettings(
                ClickstreamOptions.MARTS_POPULAR_TOP_N.defaultValue(),
                new TrendingSettings(ClickstreamOptions.MARTS_TRENDING_TOP_N.defaultValue(),
                        ClickstreamOptions.MARTS_TRENDING_WINDOW.defaultValue(),
                        ClickstreamOptions.MARTS_TRENDING_REFRESH.defaultValue()),
                new TrendingSettings(ClickstreamOptions.MARTS_TRENDING_FAVORITES_TOP_N.defaultValue(),
                        ClickstreamOptions.MARTS_TRENDING_FAVORITES_WINDOW.defaultValue(),
                        ClickstreamOptions.MARTS_TRENDING_FAVORITES_REFRESH.defaultValue()),
                ClickstreamOptions.MARTS_SEARCH_QUERIES_TOP_N.defaultValue(),
                ClickstreamOptions.MARTS_SESSION_TIMEOUT.defaultValue());
    }
}
