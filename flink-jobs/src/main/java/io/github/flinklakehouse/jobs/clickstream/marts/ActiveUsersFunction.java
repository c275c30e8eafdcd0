package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Counts the distinct users of one period of one {@link UtcPeriod} kind (the key: the period's start in epoch
 * millis) and emits its {@link ActiveUsersRow}; final when the watermark passes period end + allowed lateness.
 */
public final class ActiveUsersFunction extends EventTimeMartFunction<Long, ActiveUsersRow> {

    private static final long serialVersionUID = 1L;

    private final UtcPeriod period;
    private final long allowedLatenessMillis;

    private transient DistinctValues<Long> users;
    private transient ValueState<Long> activeUsers;

    public ActiveUsersFunction(UtcPeriod period, Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        this.period = Objects.requireNonNull(period, "period");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected void openState(RuntimeContext context) {
        users = new DistinctValues<>(context, "users", Types.LONG);
        activeUsers = context.getState(new ValueStateDescriptor<>("activeUsers", Types.LONG));
    }

    @Override
    protected void add(Long periodStart, ClickEvent event) throws Exception {
        Long count = activeUsers.value();
        if (count == null) {
            count = 0L;
        }
        if (users.add(event.userId())) {
            count++;
        }
        activeUsers.update(count);
    }

    @Override
    protected long closeTime(Long periodStart, ClickEvent event) {
        return period.endOf(periodStart) - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(Long periodStart, Collector<ActiveUsersRow> out) throws Exception {
        Long count = activeUsers.value();
        if (count != null) {
            out.collect(new ActiveUsersRow(period.label(), Instant.ofEpochMilli(periodStart), count));
        }
    }

    @Override
    protected void clearState() {
        users.clear();
        activeUsers.clear();
    }
}
