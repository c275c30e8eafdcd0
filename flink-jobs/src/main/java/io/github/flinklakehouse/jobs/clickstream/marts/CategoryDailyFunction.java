package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Keeps the totals of one category at one {@link CategoryLevel} on one UTC day (the key: see
 * {@link CategoryDayKey}) and emits its {@link CategoryDailyRow}; final when the watermark passes day end +
 * allowed lateness.
 */
public final class CategoryDailyFunction extends EventTimeMartFunction<String, CategoryDailyRow> {

    private static final long serialVersionUID = 1L;

    private final CategoryLevel level;
    private final long allowedLatenessMillis;

    private transient ValueState<CategoryTotals> totals;
    private transient DistinctValues<Long> users;
    private transient DistinctValues<String> sessions;

    public CategoryDailyFunction(CategoryLevel level, Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        this.level = Objects.requireNonNull(level, "level");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", CategoryTotals.class));
        users = new DistinctValues<>(context, "users", Types.LONG);
        sessions = new DistinctValues<>(context, "sessions", Types.STRING);
    }

    @Override
    protected void add(String key, ClickEvent event) throws Exception {
        CategoryTotals current = totals.value();
        if (current == null) {
            current = new CategoryTotals();
        }
        current.events++;
        if (users.add(event.userId())) {
            current.uniqueUsers++;
        }
        if (sessions.add(event.userSession())) {
            current.uniqueSessions++;
        }
        totals.update(current);
    }

    @Override
    protected long closeTime(String key, ClickEvent event) {
        return UtcPeriod.DAY.endOf(UtcPeriod.DAY.startOf(event.eventTime())) - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(String key, Collector<CategoryDailyRow> out) throws Exception {
        CategoryTotals current = totals.value();
        if (current != null) {
            out.collect(new CategoryDailyRow(CategoryDayKey.day(key).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    level.label(), CategoryDayKey.category(key), current.events, current.uniqueSessions,
                    current.uniqueUsers));
        }
    }

    @Override
    protected void clearState() {
        totals.clear();
        users.clear();
        sessions.clear();
    }
}
