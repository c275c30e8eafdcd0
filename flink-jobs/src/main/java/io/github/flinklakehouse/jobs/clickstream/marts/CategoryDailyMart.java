package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.sql.Date;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The mart {@code category_daily}: one row per UTC day, {@link CategoryLevel} and category, primary key
 * {@code (event_date, level, category)}.
 *
 * <p>Every event feeds two keys, its top-level and its full category: each level has its own keyed operator
 * (keyed by {@link CategoryDayKey}), and their rows meet in one sink.
 */
public final class CategoryDailyMart implements ClickstreamMart {

    public static final String TOP_UID = "clickstream.category-daily.top.v1";
    public static final String FULL_UID = "clickstream.category-daily.full.v1";
    public static final String SINK_UID = "clickstream.category-daily-sink.v1";
    public static final String SINK_NAME = "category_daily upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<CategoryDailyRow> TABLE = new MartTable<>("category_daily", CategoryDailyRow.class,
            List.of("event_date", "level", "category", "events", "unique_sessions", "unique_users"),
            List.of("event_date", "level", "category"),
            (statement, row) -> {
                statement.setDate(1, Date.valueOf(row.eventDate()));
                statement.setString(2, row.level());
                statement.setString(3, row.category());
                statement.setLong(4, row.events());
                statement.setLong(5, row.uniqueSessions());
                statement.setLong(6, row.uniqueUsers());
            },
            MartPeriod.day("event_date"));

    /** The uid of the operator counting {@code level}. */
    public static String uidOf(CategoryLevel level) {
        return switch (level) {
            case TOP -> TOP_UID;
            case FULL -> FULL_UID;
        };
    }

    /** The readable name of the operator counting {@code level}. */
    public static String nameOf(CategoryLevel level) {
        return "Daily traffic per " + level.label() + " category";
    }

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        DataStream<CategoryDailyRow> rows = null;
        for (CategoryLevel level : CategoryLevel.values()) {
            DataStream<CategoryDailyRow> perLevel = inputs.onTimeEvents()
                    .keyBy(e -> CategoryDayKey.of(level, e.event()), Types.STRING)
                    .process(new CategoryDailyFunction(level, inputs.settings().allowedLateness(),
                            inputs.settings().martsFlushInterval()), TypeInformation.of(CategoryDailyRow.class))
                    .uid(uidOf(level))
                    .name(nameOf(level));
            rows = rows == null ? perLevel : rows.union(perLevel);
        }
        sinks.sinkFor(TABLE).bind(rows, SINK_UID, SINK_NAME);
        return List.of();
    }
}
