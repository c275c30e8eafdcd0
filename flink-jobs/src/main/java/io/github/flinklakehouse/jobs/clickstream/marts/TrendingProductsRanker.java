package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Ranks the products of one sliding window (the key: window end in epoch millis) by carts, ties to the smaller
 * product id, and emits the top N as {@link TrendingProductRow}s; final at window end - 1 ms + allowed
 * lateness, when the window operator drops the window too.
 */
public final class TrendingProductsRanker extends TopNRanker<TrendingCount, TrendingProductRow> {

    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private final long allowedLatenessMillis;

    public TrendingProductsRanker(int topN, Duration window, Duration allowedLateness, Duration flushInterval) {
        super(topN, flushInterval, TypeInformation.of(TrendingCount.class));
        this.windowMillis = window.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected long productOf(TrendingCount entry) {
        return entry.productId();
    }

    @Override
    protected int compare(TrendingCount a, TrendingCount b) {
        int byCarts = Long.compare(b.carts(), a.carts());
        return byCarts != 0 ? byCarts : Long.compare(a.productId(), b.productId());
    }

    @Override
    protected long closeTime(long windowEnd) {
        return windowEnd - 1 + allowedLatenessMillis;
    }

    @Override
    protected TrendingProductRow row(long windowEnd, int rank, TrendingCount entry) {
        return new TrendingProductRow(Instant.ofEpochMilli(windowEnd), rank,
                Instant.ofEpochMilli(windowEnd - windowMillis), entry.productId(), entry.carts());
    }
}
