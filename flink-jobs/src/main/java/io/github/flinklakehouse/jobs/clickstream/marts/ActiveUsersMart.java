package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.sql.Date;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The mart {@code active_users} (DAU, WAU, MAU): one row per UTC day, ISO week and month, primary key
 * {@code (period, period_start)}.
 *
 * <p>Every event feeds three keys, one per {@link UtcPeriod}: each period kind has its own keyed operator (keyed
 * by the period's start in epoch millis), and their rows meet in one sink.
 */
public final class ActiveUsersMart implements ClickstreamMart {

    public static final String DAY_UID = "clickstream.active-users.day.v1";
    public static final String WEEK_UID = "clickstream.active-users.week.v1";
    public static final String MONTH_UID = "clickstream.active-users.month.v1";
    public static final String SINK_UID = "clickstream.active-users-sink.v1";
    public static final String SINK_NAME = "active_users upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<ActiveUsersRow> TABLE = new MartTable<>("active_users", ActiveUsersRow.class,
            List.of("period", "period_start", "active_users"),
            List.of("period", "period_start"),
            (statement, row) -> {
                statement.setString(1, row.period());
                statement.setDate(2, Date.valueOf(row.periodStartDate()));
                statement.setLong(3, row.activeUsers());
            },
            MartPeriod.calendarPeriod("period", "period_start"));

    /** The uid of the operator counting {@code period}. */
    public static String uidOf(UtcPeriod period) {
        return switch (period) {
            case DAY -> DAY_UID;
            case WEEK -> WEEK_UID;
            case MONTH -> MONTH_UID;
        };
    }

    /** The readable name of the operator counting {@code period}. */
    public static String nameOf(UtcPeriod period) {
        return "Active users per " + period.label();
    }

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        DataStream<ActiveUsersRow> rows = null;
        for (UtcPeriod period : UtcPeriod.values()) {
            DataStream<ActiveUsersRow> perPeriod = inputs.onTimeEvents()
                    .keyBy(e -> period.startOf(e.event().eventTime()), Types.LONG)
                    .process(new ActiveUsersFunction(period, inputs.settings().allowedLateness(),
                            inputs.settings().martsFlushInterval()), TypeInformation.of(ActiveUsersRow.class))
                    .uid(uidOf(period))
                    .name(nameOf(period));
            rows = rows == null ? perPeriod : rows.union(perPeriod);
        }
        sinks.sinkFor(TABLE).bind(rows, SINK_UID, SINK_NAME);
        return List.of();
    }
}
