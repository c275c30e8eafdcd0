package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code active_users} (DAU, WAU, MAU): one row per UTC day, ISO week and month, primary key
 * {@code (period, period_start)}. Every event counts under three keys, (period label, period start) of each kind.
 */
public final class ActiveUsersMart {

    /** Names the aggregation's operator {@code clickstream.marts.active-users.v2}. */
    public static final String AGGREGATION = "active-users";

    /** The period kinds of the mart, in the order of the {@code period} column's CHECK. */
    static final List<UtcPeriod> PERIODS = List.of(UtcPeriod.DAY, UtcPeriod.WEEK, UtcPeriod.MONTH);

    public static final MartTable<ActiveUsersRow> TABLE = MartTable.builder("active_users", ActiveUsersRow.class)
            .purpose("the active users mart (DAU, WAU, MAU), one row per UTC day, ISO week and month")
            .column("period", SqlType.TEXT, ActiveUsersRow::period).check("period IN ('day', 'week', 'month')")
            .column("period_start", SqlType.DATE, ActiveUsersRow::periodStartDate)
            .column("active_users", SqlType.BIGINT, ActiveUsersRow::activeUsers)
            .key("period", "period_start")
            .period(MartPeriod.calendarPeriod("period", "period_start"))
            .build();

    private ActiveUsersMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.Period> active = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.Period.class),
                (event, keys) -> {
                    for (UtcPeriod period : PERIODS) {
                        keys.accept(new MartKeys.Period(period.label(), period.startOf(event.eventTime)));
                    }
                },
                key -> UtcPeriod.ofLabel(key.period()).endOf(key.start()));
        DistinctCount users = active.distinct("active_users", ClickDimensions.USER);
        marts.table(active.build(),
                (key, v) -> new ActiveUsersRow(key.period(), Instant.ofEpochMilli(key.start()), users.of(v)),
                TypeInformation.of(ActiveUsersRow.class), TABLE);
    }
}
