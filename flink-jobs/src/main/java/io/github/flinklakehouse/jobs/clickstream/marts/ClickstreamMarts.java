package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Every mart of the clickstream pipeline, declared on the mart engine ({@link MartSet}): traffic per hour and day,
 * active users, categories, the funnel per day and month, popular and trending products, trending favourites,
 * search volume and queries, devices, sessions and {@code pipeline_freshness}.
 */
public final class ClickstreamMarts {

    /** The pipeline name every mart uid starts with. */
    public static final String PIPELINE = "clickstream";

    private ClickstreamMarts() {
    }

    /** The marts with the shapes and lateness of {@code settings}. */
    public static MartSet<ClickMartEvent> of(ClickstreamSettings settings) {
        ClickstreamMartSettings shapes = settings.marts();
        MartSet.Builder<ClickMartEvent> marts = MartSet.builder(PIPELINE, TypeInformation.of(ClickMartEvent.class),
                event -> event.eventTime);
        TrafficHourlyMart.declare(marts);
        TrafficDailyMart.declare(marts);
        ActiveUsersMart.declare(marts);
        CategoryDailyMart.declare(marts);
        marts.keyed(ClickDimensions.SESSION, new SessionsMart(shapes.sessionTimeout(), settings.allowedLateness()),
                TypeInformation.of(SessionRow.class), SessionsMart.table(shapes.sessionTimeout()));
        FunnelDailyMart.declare(marts);
        PopularProductsDailyMart.declare(marts, shapes.popularTopN());
        TrendingMart.PRODUCTS.declare(marts, shapes.trendingProducts());
        // Declared after the marts above: the dimension stages' state numbers aggregations in declaration order.
        TrendingMart.FAVORITES.declare(marts, shapes.trendingFavorites());
        SearchVolumeHourlyMart.declare(marts);
        TopSearchQueriesDailyMart.declare(marts, shapes.searchQueriesTopN());
        DeviceDailyMart.declare(marts);
        FunnelMonthlyMart.declare(marts);
        ActivityByHourOfWeekMart.declare(marts);
        return marts.withFreshness().build();
    }

    /** Every mart table with the shapes of {@code settings}. */
    public static List<MartTable<?>> tables(ClickstreamSettings settings) {
        return of(settings).tables();
    }

    /**
     * Creates every mart table in {@code schema} when absent (idempotent), {@code data_quality_daily}, which the
     * job writes when rules are declared and a backfill always writes (its key checks), and {@code rejected_daily}.
     */
    public static void ensureTables(JdbcConnectionSettings connection, String schema, ClickstreamSettings settings)
            throws SQLException {
        MartTable.ensureAll(connection, schema, tables(settings));
        DataQualityDailyMart.TABLE.ensure(connection, schema);
        RejectedDailyMart.TABLE.ensure(connection, schema);
    }
}
