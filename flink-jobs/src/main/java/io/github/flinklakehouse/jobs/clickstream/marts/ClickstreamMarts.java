package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.sql.SQLException;
import java.util.List;

/** Every mart of the clickstream job, in the order the job adds them. */
public final class ClickstreamMarts {

    private static final List<ClickstreamMart> ALL = List.of(
            new TrafficHourlyMart(),
            new TrafficDailyMart(),
            new ActiveUsersMart(),
            new CategoryDailyMart(),
            new SessionsMart(),
            new FunnelDailyMart(),
            new PopularProductsDailyMart(),
            new TrendingProductsMart(),
            // Last: it reports on every table above.
            new PipelineFreshnessMart());

    private ClickstreamMarts() {
    }

    /** Returns every mart. */
    public static List<ClickstreamMart> all() {
        return ALL;
    }

    /** Returns every mart table. */
    public static List<MartTable<?>> tables() {
        return ALL.stream().flatMap(mart -> mart.tables().stream()).toList();
    }

    /** Creates every mart table in {@code schema} when absent (idempotent). */
    public static void ensureTables(JdbcConnectionSettings connection, String schema) throws SQLException {
        for (MartTable<?> table : tables()) {
            table.ensure(connection, schema);
        }
    }
}
