package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Ranks the products of one UTC day (the key: day start in epoch millis) by views, ties to the smaller
 * product id, and emits the top N as {@link PopularProductRow}s; final at day end + allowed lateness.
 */
public final class PopularProductsRanker extends TopNRanker<ProductDayStats, PopularProductRow> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    public PopularProductsRanker(int topN, Duration allowedLateness, Duration flushInterval) {
        super(topN, flushInterval, TypeInformation.of(ProductDayStats.class));
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected long productOf(ProductDayStats entry) {
        return entry.productId();
    }

    @Override
    protected int compare(ProductDayStats a, ProductDayStats b) {
        int byViews = Long.compare(b.views(), a.views());
        return byViews != 0 ? byViews : Long.compare(a.productId(), b.productId());
    }

    @Override
    protected long closeTime(long dayStart) {
        return UtcPeriod.DAY.endOf(dayStart) - 1 + allowedLatenessMillis;
    }

    @Override
    protected PopularProductRow row(long dayStart, int rank, ProductDayStats entry) {
        return new PopularProductRow(Instant.ofEpochMilli(dayStart), rank, entry.productId(), entry.views(),
                entry.uniqueSessions(), entry.carts(), entry.purchases());
    }
}
