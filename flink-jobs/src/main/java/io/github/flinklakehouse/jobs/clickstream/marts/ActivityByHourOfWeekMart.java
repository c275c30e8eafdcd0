package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.Rollup;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code activity_by_hour_of_week}: for each ISO weekday and UTC hour (168 rows at most), the events and
 * distinct users of that hour in an average week of the data, primary key {@code (weekday, hour)}.
 *
 * <pre>
 *  aggregation by UTC hour: events, distinct users (exact per hour, closes like traffic_hourly)
 *     ─keyBy(hour of the week)─> roll-up: closed hours folded into totals, open hours beside them ─> sink
 * </pre>
 *
 * <p>A week counts for an hour of the week when that hour had at least one counted event that week (each week has
 * exactly one such UTC hour, so weeks = hours with events). A week the data does not cover, or an hour without any
 * event, is not averaged in as a zero: the stream cannot tell "no traffic" from "no data", and partial first and last
 * weeks of the data do not dilute the hours they miss. Rows never close: they cover all the data, so a backfill of a
 * range neither publishes nor compares them.
 */
public final class ActivityByHourOfWeekMart {

    /** Names the aggregation's operator {@code clickstream.marts.activity-by-hour-of-week.v2} (and its roll-up's). */
    public static final String AGGREGATION = "activity-by-hour-of-week";

    public static final MartTable<ActivityByHourOfWeekRow> TABLE = MartTable.builder("activity_by_hour_of_week",
                    ActivityByHourOfWeekRow.class)
            .purpose("events and distinct users per ISO weekday (1 = Monday) and UTC hour in an average week: totals "
                    + "over the weeks in which that hour had events, divided by their number")
            .column("weekday", SqlType.SMALLINT, ActivityByHourOfWeekRow::weekday).check("weekday BETWEEN 1 AND 7")
            .column("hour", SqlType.SMALLINT, ActivityByHourOfWeekRow::hour).check("hour BETWEEN 0 AND 23")
            .column("weeks", SqlType.BIGINT, ActivityByHourOfWeekRow::weeks)
            .column("events", SqlType.BIGINT, ActivityByHourOfWeekRow::events)
            .column("events_per_week", SqlType.RATE, ActivityByHourOfWeekRow::eventsPerWeek)
            .column("unique_users_per_week", SqlType.RATE, ActivityByHourOfWeekRow::uniqueUsersPerWeek)
            .key("weekday", "hour")
            .build();

    private ActivityByHourOfWeekMart() {
    }

    /** The hour of the week of an hour start: (ISO weekday - 1) * 24 + hour of day, 0 = Monday 00:00 UTC. */
    static int hourOfWeek(long hourStart) {
        long day = Math.floorDiv(hourStart, UtcPeriod.DAY_MILLIS);
        // 1970-01-01 was a Thursday: epoch day + 3 counts days since a Monday.
        return (int) Math.floorMod(day + 3, 7L) * 24 + UtcPeriod.hourOfDay(hourStart);
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, Long> hourly = Aggregation.builder(AGGREGATION, Types.LONG,
                (event, keys) -> keys.accept(UtcPeriod.HOUR.startOf(event.eventTime)),
                hourStart -> hourStart + UtcPeriod.HOUR_MILLIS);
        Measure events = hourly.count("events");
        DistinctCount users = hourly.distinct("unique_users", ClickDimensions.USER);
        marts.rolledUp(hourly.build(), new Rollup<>(Types.INT, ActivityByHourOfWeekMart::hourOfWeek,
                        (hourOfWeek, weeks, totals) -> new ActivityByHourOfWeekRow(hourOfWeek / 24 + 1, hourOfWeek % 24,
                                weeks, events.of(totals), users.of(totals))),
                TypeInformation.of(ActivityByHourOfWeekRow.class), TABLE);
    }
}
