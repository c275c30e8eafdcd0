package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code category_daily}: one row per UTC day, {@link CategoryLevel} and category, primary key
 * {@code (event_date, level, category)}. Every event counts under two keys: its top-level and its full category.
 */
public final class CategoryDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.category-daily.v2}. */
    public static final String AGGREGATION = "category-daily";

    public static final MartTable<CategoryDailyRow> TABLE = MartTable.builder("category_daily", CategoryDailyRow.class)
            .purpose("the daily category traffic mart, one row per UTC day, level ('top' or 'full') and category; "
                    + "events without a category code count under category '' on both levels")
            .column("event_date", SqlType.DATE, CategoryDailyRow::eventDate)
            .column("level", SqlType.TEXT, CategoryDailyRow::level).check("level IN ('top', 'full')")
            .column("category", SqlType.TEXT, CategoryDailyRow::category)
            .column("events", SqlType.BIGINT, CategoryDailyRow::events)
            .column("unique_sessions", SqlType.BIGINT, CategoryDailyRow::uniqueSessions)
            .column("unique_users", SqlType.BIGINT, CategoryDailyRow::uniqueUsers)
            .key("event_date", "level", "category")
            .period(MartPeriod.day("event_date"))
            .build();

    private CategoryDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.CategoryDay> categories = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.CategoryDay.class),
                (event, keys) -> {
                    long day = UtcPeriod.DAY.startOf(event.eventTime);
                    for (CategoryLevel level : CategoryLevel.values()) {
                        keys.accept(new MartKeys.CategoryDay(day, level.label(), level.categoryOf(event.categoryCode)));
                    }
                },
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        Measure events = categories.count("events");
        DistinctCount sessions = categories.distinct("unique_sessions", ClickDimensions.SESSION);
        DistinctCount users = categories.distinct("unique_users", ClickDimensions.USER);
        marts.table(categories.build(), (key, v) -> new CategoryDailyRow(Instant.ofEpochMilli(key.dayStart()), key.level(), key.category(),
                        events.of(v), sessions.of(v), users.of(v)),
                TypeInformation.of(CategoryDailyRow.class), TABLE);
    }
}
