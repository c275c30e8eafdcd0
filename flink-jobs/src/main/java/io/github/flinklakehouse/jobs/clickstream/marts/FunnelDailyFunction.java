package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.util.Collector;

/**
 * Counts the distinct sessions at each funnel stage of one key (UTC day start in epoch millis, category_code,
 * brand; {@code ""} for missing) and emits its absolute {@link FunnelDailyRow}; final at day end + allowed
 * lateness.
 *
 * <p>Only view, cart and purchase events may reach it (the mart filters the rest), so every key with state
 * has a row.
 */
public final class FunnelDailyFunction extends EventTimeMartFunction<Tuple3<Long, String, String>, FunnelDailyRow> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    private transient ValueState<FunnelTotals> totals;
    private transient MapState<String, Integer> stagesBySession;

    public FunnelDailyFunction(Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** Returns the funnel key of {@code event}: (UTC day start, category_code or "", brand or ""). */
    public static Tuple3<Long, String, String> keyOf(ClickEvent event) {
        return Tuple3.of(UtcPeriod.DAY.startOf(event.eventTime()), orEmpty(event.categoryCode()), orEmpty(event.brand()));
    }

    /** Whether {@code type} is a funnel stage (view, cart, purchase). */
    public static boolean isFunnelStage(EventType type) {
        return type == EventType.VIEW || type == EventType.CART || type == EventType.PURCHASE;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", FunnelTotals.class));
        stagesBySession = context.getMapState(new MapStateDescriptor<>("stagesBySession", Types.STRING, Types.INT));
    }

    @Override
    protected void add(Tuple3<Long, String, String> key, ClickEvent event) throws Exception {
        int stage = switch (event.eventType()) {
            case VIEW -> FunnelTotals.VIEWED;
            case CART -> FunnelTotals.CARTED;
            case PURCHASE -> FunnelTotals.PURCHASED;
            default -> throw new IllegalArgumentException("Not a funnel stage: " + event.eventType());
        };
        Integer known = stagesBySession.get(event.userSession());
        int before = known == null ? 0 : known;
        int after = before | stage;
        FunnelTotals current = totals.value();
        if (current == null) {
            current = new FunnelTotals();
        }
        if (after != before) {
            stagesBySession.put(event.userSession(), after);
            current.move(before, after);
        }
        totals.update(current);
    }

    @Override
    protected long closeTime(Tuple3<Long, String, String> key, ClickEvent event) {
        return UtcPeriod.DAY.endOf(key.f0) - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(Tuple3<Long, String, String> key, Collector<FunnelDailyRow> out) throws Exception {
        FunnelTotals current = totals.value();
        if (current != null) {
            out.collect(new FunnelDailyRow(Instant.ofEpochMilli(key.f0), key.f1, key.f2, current.sessionsViewed,
                    current.sessionsCarted, current.sessionsPurchased, current.viewedAndCarted,
                    current.cartedAndPurchased, current.viewedAndPurchased));
        }
    }

    @Override
    protected void clearState() {
        totals.clear();
        stagesBySession.clear();
    }
}
