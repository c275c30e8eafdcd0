package io.github.flinklakehouse.jobs.clickstream.marts;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventTimes;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.engine.KeyedMart;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The mart {@code sessions}: one row per {@code user_session}, primary key {@code (user_session)}; runs in the
 * engine's session stage (keyed by the session), so it costs no shuffle of its own. The row is final when the
 * watermark reaches last event time + inactivity timeout + allowed lateness.
 *
 * <p>An on-time event can still find its session closed: one that comes more than the timeout after the session's
 * last event, arriving after the close. Counting it would overwrite the final row with a partial one, so a closed
 * session leaves a small tombstone (kept one day of processing time) and such events become {@code LATE} dead
 * letters, counted in {@value #METRIC_CLOSED_SESSION_EVENTS}. Their payload holds the fields the marts saw; the
 * whole event is in the raw table at the dead letter's position.
 *
 * <p>The close ends the session for every mart ({@link #endsValue}): the session stage forgets which hours, days and
 * months the session was counted in (the distinct session counts of traffic, categories, devices, products and the
 * funnels), so a session costs state for its activity plus the timeout, not until its month closes. The refused
 * events are not counted in those distinct counts either. The dataset's session id changes whenever a user comes back
 * after a long pause, so a session id seen again after the timeout is a reused id or a producer error, never a
 * continuing session.
 */
public final class SessionsMart extends KeyedMart<ClickMartEvent, String, SessionPartial, SessionRow> {

    private static final long serialVersionUID = 1L;

    /** Metric counting events refused because their session was already final. */
    public static final String METRIC_CLOSED_SESSION_EVENTS = "closedSessionEvents";

    /** How long (processing time) a closed session is remembered. */
    static final Duration TOMBSTONE_TTL = Duration.ofDays(1);

    private static final JsonMapper JSON = new JsonMapper();

    private final long sessionTimeoutMillis;
    private final long allowedLatenessMillis;

    private transient ValueState<SessionTotals> totals;
    private transient ValueState<Boolean> closed;
    private transient Counter closedSessionEvents;

    public SessionsMart(Duration sessionTimeout, Duration allowedLateness) {
        super("sessions", TypeInformation.of(SessionPartial.class));
        if (sessionTimeout.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("sessionTimeout and allowedLateness must be >= 0, were "
                    + sessionTimeout + " and " + allowedLateness);
        }
        this.sessionTimeoutMillis = sessionTimeout.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** The table; a row's period is its activity padded by the inactivity timeout on both sides. */
    public static MartTable<SessionRow> table(Duration sessionTimeout) {
        return MartTable.builder("sessions", SessionRow.class)
                .purpose("the session mart, one row per user_session (the dataset's session id); final once the "
                        + "watermark passes last_event_time + session timeout + allowed lateness")
                .column("user_session", SqlType.TEXT, SessionRow::userSession)
                .column("user_id", SqlType.BIGINT, SessionRow::userId)
                .column("first_event_time", SqlType.TIMESTAMPTZ, SessionRow::firstEventTime)
                .column("last_event_time", SqlType.TIMESTAMPTZ, SessionRow::lastEventTime)
                .column("duration_seconds", SqlType.BIGINT, SessionRow::durationSeconds)
                .column("events", SqlType.BIGINT, SessionRow::events)
                .column("unique_products", SqlType.BIGINT, SessionRow::uniqueProducts)
                .column("views", SqlType.BIGINT, SessionRow::views)
                .column("carts", SqlType.BIGINT, SessionRow::carts)
                .column("purchases", SqlType.BIGINT, SessionRow::purchases)
                .column("revenue", SqlType.MONEY, SessionRow::revenue)
                .column("converted", SqlType.BOOLEAN, SessionRow::converted)
                .key("user_session")
                .period(MartPeriod.activityPaddedBy("first_event_time", "last_event_time", sessionTimeout))
                .build();
    }

    @Override
    protected void open(KeyedStateStore state, MetricGroup metrics) {
        totals = state.getState(new ValueStateDescriptor<>("sessions.totals", SessionTotals.class));
        ValueStateDescriptor<Boolean> tombstone = new ValueStateDescriptor<>("sessions.closed", Types.BOOLEAN);
        tombstone.enableTimeToLive(StateTtlConfig.newBuilder(TOMBSTONE_TTL).build());
        closed = state.getState(tombstone);
        closedSessionEvents = metrics.counter(METRIC_CLOSED_SESSION_EVENTS);
    }

    @Override
    protected SessionPartial newPartial() {
        return new SessionPartial();
    }

    @Override
    protected void addTo(SessionPartial partial, ClickMartEvent event) {
        partial.add(event);
    }

    @Override
    protected boolean fits(SessionPartial partial, ClickMartEvent event) {
        return partial.totals.fits(event);
    }

    /**
     * Refuses the events of a session whose row is final: one dead letter per refused partial (the events one
     * subtask read between two flushes), with the first event's fields and origin; the message gives their number
     * and time span. Every refused event is in {@code raw.clickstream_events}.
     */
    @Override
    protected boolean accept(String session, SessionPartial partial, Consumer<DeadLetter> rejected) throws Exception {
        if (closed.value() == null) {
            SessionTotals current = totals.value();
            if (current == null || current.fits(partial.totals)) {
                return true;
            }
            rejected.accept(new DeadLetter(MartSet.SUM_OVERFLOW, describe(partial) + " of session " + session
                    + " would overflow the session's 64-bit revenue sum; not counted in sessions",
                    payload(partial.first), partial.first.source, partial.first.sourcePosition,
                    Instant.ofEpochMilli(partial.first.ingestedAt)));
            return false;
        }
        closedSessionEvents.inc(partial.totals.events);
        ClickMartEvent first = partial.first;
        rejected.accept(new DeadLetter(RejectReason.LATE.name(),
                describe(partial) + " of session " + session
                        + " arrived after the session's row was final (watermark passed its last event"
                        + " + clickstream.marts.sessions.inactivity-timeout + clickstream.allowed-lateness); not counted in"
                        + " sessions nor in any distinct session count",
                payload(first), first.source, first.sourcePosition, Instant.ofEpochMilli(first.ingestedAt)));
        return false;
    }

    @Override
    protected boolean endsValue() {
        return true;
    }

    @Override
    protected boolean hasEnded(String session) throws Exception {
        return closed.value() != null;
    }

    @Override
    protected void add(String session, SessionPartial partial) throws Exception {
        SessionTotals current = totals.value();
        if (current == null) {
            current = new SessionTotals();
        }
        current.merge(partial.totals);
        totals.update(current);
    }

    @Override
    protected long closeTime(String session) throws Exception {
        return totals.value().lastEventMillis + sessionTimeoutMillis + allowedLatenessMillis;
    }

    @Override
    protected SessionRow row(String session) throws Exception {
        SessionTotals current = totals.value();
        if (current == null) {
            return null;
        }
        return new SessionRow(session, current.userId, Instant.ofEpochMilli(current.firstEventMillis),
                Instant.ofEpochMilli(current.lastEventMillis), current.events, current.uniqueProducts, current.views,
                current.carts, current.purchases, BigDecimal.valueOf(current.revenueCents, 2));
    }

    /** Clears the session's totals and leaves the tombstone that refuses its later events. */
    @Override
    protected void clear(String session) throws Exception {
        totals.clear();
        closed.update(Boolean.TRUE);
    }

    /** The refused events: their number and time span, and the first one's position. */
    private static String describe(SessionPartial partial) {
        SessionTotals refused = partial.totals;
        return refused.events == 1 ? "Event at " + Instant.ofEpochMilli(refused.firstEventMillis)
                : refused.events + " events from " + Instant.ofEpochMilli(refused.firstEventMillis) + " to "
                        + Instant.ofEpochMilli(refused.lastEventMillis) + " (the first at "
                        + partial.first.sourcePosition + ")";
    }

    /**
     * The fields the marts saw, as dataset JSON: {@code revenue} (what a purchase earns) in place of the price (the
     * whole event is in the raw table at its position).
     */
    private static byte[] payload(ClickMartEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put(DatasetFields.EVENT_TIME, EventTimes.format(Instant.ofEpochMilli(event.eventTime)));
        node.put(DatasetFields.EVENT_TYPE, event.eventType.code());
        node.put(DatasetFields.PRODUCT_ID, event.productId);
        node.put(DatasetFields.CATEGORY_CODE, event.categoryCode);
        node.put(DatasetFields.BRAND, event.brand);
        node.put(DatasetFields.REVENUE, BigDecimal.valueOf(event.revenueCents, 2));
        node.put(DatasetFields.USER_ID, event.userId);
        node.put(DatasetFields.USER_SESSION, event.userSession);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
