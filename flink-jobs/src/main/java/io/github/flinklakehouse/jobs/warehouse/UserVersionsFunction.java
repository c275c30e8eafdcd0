package io.github.flinklakehouse.jobs.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the SCD Type 2 history of one user ({@code dim_user}) and gives each of the user's facts the key of the
 * version valid at its event time. Keyed by user id.
 *
 * <p>Versions are the runs of equal tracked attributes in event-time order: a change opens a version at the event
 * time of the change and closes the previous one there. An event is <em>settled</em> once the watermark has passed
 * its event time plus the allowed lateness: no event at or before it can count any more (the job's late filter
 * makes those {@code LATE} dead letters), so the versions up to it are final. The function therefore
 * <ul>
 *   <li>keeps the unsettled events' attributes by event time (bounded by the events of one allowed lateness per
 *       user) and the user's latest settled version (one per user, kept for ever: it decides whether the next event
 *       is a change);</li>
 *   <li>writes a version when its {@code valid_from} settles, and writes it again, closed, when the change that ends
 *       it settles; a written row's key ({@code user_id}, {@code valid_from}) never changes, so no row ever has to be
 *       deleted;</li>
 *   <li>holds each fact until its event time settles and then emits it with the key of the version valid then, so a
 *       late change inside the lateness (which splits a version) never leaves a fact with an outdated key.</li>
 * </ul>
 * Out-of-order events are placed by event time: one that agrees with the version it falls into changes nothing; one
 * that differs splits it (the part after it, up to the next event, is a version of its own). Two events of one user
 * at the same millisecond with different attributes: the greatest attribute list (text order, null first) counts, so
 * arrival order never matters. The cost: a version and its facts reach PostgreSQL one allowed lateness (plus the
 * watermark lag) after they happen. In BATCH everything settles at the end of input, with the same rows.
 */
public final class UserVersionsFunction extends KeyedProcessFunction<Long, WarehouseEvent, DimUserRow> {

    private static final long serialVersionUID = 1L;

    /** Where the facts go, each with the key of its user's version. */
    public static final OutputTag<FactUserEventRow> FACTS =
            new OutputTag<>("facts", TypeInformation.of(FactUserEventRow.class));

    /** Events that reached the function after their event time had settled (none behind the job's late filter). */
    public static final String METRIC_EVENTS_AFTER_SETTLEMENT = "eventsAfterSettlement";

    /** Timers are rounded up to this, so a burst of events of one user shares a timer. */
    private static final long TIMER_GRANULARITY_MS = 1_000;

    static final Comparator<String[]> ATTRIBUTE_ORDER = (a, b) -> Arrays.compare(a, b,
            Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    private final long lateness;
    private transient ValueState<UserVersion> settled;
    private transient MapState<Long, String[]> pendingAttributes;
    private transient MapState<Long, List<FactUserEventRow>> pendingFacts;
    private transient Counter settledTooLate;

    public UserVersionsFunction(Duration allowedLateness) {
        this.lateness = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        settled = getRuntimeContext().getState(new ValueStateDescriptor<>("settled-version", UserVersion.class));
        pendingAttributes = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-attributes",
                Types.LONG, Types.OBJECT_ARRAY(Types.STRING)));
        pendingFacts = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-facts",
                Types.LONG, Types.LIST(TypeInformation.of(FactUserEventRow.class))));
        settledTooLate = getRuntimeContext().getMetricGroup().counter(METRIC_EVENTS_AFTER_SETTLEMENT);
    }

    @Override
    public void processElement(WarehouseEvent event, Context context, Collector<DimUserRow> out) throws Exception {
        long time = event.eventTimeMillis();
        String[] known = pendingAttributes.get(time);
        if (known == null || ATTRIBUTE_ORDER.compare(event.attributes, known) > 0) {
            pendingAttributes.put(time, event.attributes);
        }
        List<FactUserEventRow> facts = pendingFacts.get(time);
        List<FactUserEventRow> more = facts == null ? new ArrayList<>() : new ArrayList<>(facts);
        more.add(event.fact);
        pendingFacts.put(time, more);
        UserVersion version = settled.value();
        if (version != null && time < version.validFrom) {
            // Cannot happen behind the job's late filter (it passes only events the watermark has not settled); if it
            // does, the event is settled with the next events and counted, never dropped.
            settledTooLate.inc();
        }
        long due = time + lateness;
        long rounded = due + Math.floorMod(-due, TIMER_GRANULARITY_MS);
        context.timerService().registerEventTimeTimer(rounded < due ? Long.MAX_VALUE : rounded);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<DimUserRow> out) throws Exception {
        long watermark = context.timerService().currentWatermark();
        long horizon = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : watermark - lateness;
        TreeSet<Long> times = new TreeSet<>();
        for (Long time : pendingAttributes.keys()) {
            if (time <= horizon) {
                times.add(time);
            }
        }
        if (times.isEmpty()) {
            return;
        }
        UserVersion version = settled.value();
        long userId = context.getCurrentKey();
        Map<Long, DimUserRow> rows = new LinkedHashMap<>();
        for (long time : times) {
            String[] attributes = pendingAttributes.get(time);
            // An event at or before the settled version's start (only after a broken late filter) joins that version.
            if (version == null || (time > version.validFrom && !Arrays.equals(version.attributes, attributes))) {
                if (version != null) {
                    DimUserRow closed = row(userId, version, time);
                    rows.put(closed.userKey(), closed);
                }
                version = new UserVersion(time, attributes);
                DimUserRow opened = row(userId, version, null);
                rows.put(opened.userKey(), opened);
            }
            long key = SurrogateKeys.userKey(userId, version.validFrom);
            for (FactUserEventRow fact : pendingFacts.get(time)) {
                context.output(FACTS, fact.withUserKey(key));
            }
            pendingAttributes.remove(time);
            pendingFacts.remove(time);
        }
        settled.update(version);
        rows.values().forEach(out::collect);
    }

    private static DimUserRow row(long userId, UserVersion version, Long validTo) {
        return new DimUserRow(SurrogateKeys.userKey(userId, version.validFrom), userId, version.attributes,
                Instant.ofEpochMilli(version.validFrom), validTo == null ? null : Instant.ofEpochMilli(validTo));
    }
}
