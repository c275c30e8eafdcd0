package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.LocalDate;

/**
 * The key of {@code category_daily} at one level, a plain String so Flink needs no extra serializer:
 * {@code <UTC date>|<category>}, e.g. {@code 2019-10-01|electronics} or {@code 2019-10-01|} for no category.
 * The date never contains '|', so the first '|' separates the two parts even when a category does.
 */
final class CategoryDayKey {

    private static final char SEPARATOR = '|';

    private CategoryDayKey() {
    }

    /** The key of {@code event} at {@code level}. */
    static String of(CategoryLevel level, ClickEvent event) {
        return UtcPeriod.dateOf(UtcPeriod.DAY.startOf(event.eventTime())).toString() + SEPARATOR
                + level.categoryOf(event.categoryCode());
    }

    /** The UTC day of {@code key}. */
    static LocalDate day(String key) {
        return LocalDate.parse(key.substring(0, key.indexOf(SEPARATOR)));
    }

    /** The category of {@code key}. */
    static String category(String key) {
        return key.substring(key.indexOf(SEPARATOR) + 1);
    }
}
