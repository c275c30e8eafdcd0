package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the totals of one session (the key: {@code user_session}) and emits its absolute {@link SessionRow};
 * the row is final when the watermark reaches last event time + session timeout + allowed lateness.
 *
 * <p>An on-time event can still find its session closed: one that comes more than the session timeout after
 * the session's last event, arriving after the close. Counting it would overwrite the final row with a
 * partial one, so a closed session leaves a small tombstone (kept one day of processing time) and such
 * events become {@code LATE} dead letters on {@link #CLOSED_SESSION_EVENTS}, counted in
 * {@value #METRIC_CLOSED_SESSION_EVENTS}.
 */
public final class SessionsFunction extends EventTimeMartFunction<String, SessionRow> {

    private static final long serialVersionUID = 1L;

    /** Side output of events whose session row was already final. */
    public static final OutputTag<DeadLetter> CLOSED_SESSION_EVENTS =
            new OutputTag<>("clickstream-closed-session-events", TypeInformation.of(DeadLetter.class));

    /** Metric counting events refused because their session was already final. */
    public static final String METRIC_CLOSED_SESSION_EVENTS = "closedSessionEvents";

    /** How long (processing time) a closed session is remembered. */
    static final Duration TOMBSTONE_TTL = Duration.ofDays(1);

    private final long sessionTimeoutMillis;
    private final long allowedLatenessMillis;

    private transient ValueState<SessionTotals> totals;
    private transient DistinctValues<Long> products;
    private transient ValueState<Boolean> closed;
    private transient Counter closedSessionEvents;

    public SessionsFunction(Duration sessionTimeout, Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (sessionTimeout.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("sessionTimeout and allowedLateness must be >= 0, were "
                    + sessionTimeout + " and " + allowedLateness);
        }
        this.sessionTimeoutMillis = sessionTimeout.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", SessionTotals.class));
        products = new DistinctValues<>(context, "products", Types.LONG);
        ValueStateDescriptor<Boolean> tombstone = new ValueStateDescriptor<>("closed", Types.BOOLEAN);
        tombstone.enableTimeToLive(StateTtlConfig.newBuilder(TOMBSTONE_TTL).build());
        closed = context.getState(tombstone);
        closedSessionEvents = context.getMetricGroup().counter(METRIC_CLOSED_SESSION_EVENTS);
    }

    @Override
    protected boolean accept(String session, IngestedClickEvent value, Context context) throws Exception {
        if (closed.value() == null) {
            return true;
        }
        closedSessionEvents.inc();
        context.output(CLOSED_SESSION_EVENTS, new DeadLetter(RejectReason.LATE.name(),
                "Event at " + value.event().eventTime() + " of session " + session
                        + " arrived after the session's row was final (watermark passed its last event"
                        + " + marts.sessions.inactivity-timeout + clickstream.allowed-lateness); not counted in sessions",
                JsonEventEncoder.encode(value.event()), value.source(), value.sourcePosition(), value.ingestedAt()));
        return false;
    }

    @Override
    protected void add(String session, ClickEvent event) throws Exception {
        SessionTotals current = totals.value();
        if (current == null) {
            current = new SessionTotals();
        }
        current.add(event);
        if (products.add(event.productId())) {
            current.uniqueProducts++;
        }
        totals.update(current);
    }

    @Override
    protected long closeTime(String session, ClickEvent event) throws Exception {
        return totals.value().lastEventMillis + sessionTimeoutMillis + allowedLatenessMillis;
    }

    @Override
    protected void emit(String session, Collector<SessionRow> out) throws Exception {
        SessionTotals current = totals.value();
        if (current != null) {
            out.collect(new SessionRow(session, current.userId, Instant.ofEpochMilli(current.firstEventMillis),
                    Instant.ofEpochMilli(current.lastEventMillis), current.events, current.uniqueProducts,
                    current.views, current.carts, current.purchases, current.revenue));
        }
    }

    /** Clears the session's totals and leaves the tombstone that refuses its later events. */
    @Override
    protected void clearState() throws Exception {
        totals.clear();
        products.clear();
        closed.update(Boolean.TRUE);
    }
}
