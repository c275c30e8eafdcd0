package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The map-side combine of one dimension, in the pre-aggregation: per value seen since the last flush, the
 * aggregation keys with the OR of their flags and each keyed mart's partial, emitted as one {@link ValueBatch} per
 * value on the dimension's side output. Not state: the owning operator flushes it on the same occasions as its
 * partial values; before a watermark that could close a key of a buffered event ({@link #closesBy}) in particular.
 *
 * @param <P> the marts' event type
 * @param <V> the dimension's value type
 */
final class ValueCombiner<P, V> {

    private final DimensionPlan<P, V> plan;
    private final KeySelector<P, V> valueOf;
    private final OutputTag<ValueBatch<V>> tag;
    private final long allowedLatenessMillis;
    /** For each counting aggregation, the index of its keys among the operator's {@link EventKeys}. */
    private final int[] keysOf;
    private final Map<V, Local> values = new HashMap<>();
    /** Batches shipped early because the next event would have overflowed a sum of one of their partials. */
    private final List<ValueBatch<V>> full = new ArrayList<>();
    /** Values, entries and partials buffered: what bounds the buffer's memory (a value may gather many keys). */
    private int entries;
    private long earliestEventTime = Long.MAX_VALUE;

    /** One value's entries so far (encoded keys, which the batch ships as they are) and its marts' partials. */
    private static final class Local {
        final Memberships index = new Memberships();
        final Object[] partials;

        Local(int marts) {
            partials = new Object[marts];
        }
    }

    ValueCombiner(DimensionPlan<P, V> plan, List<? extends EventKeys<P, ?>> eventKeys, long allowedLatenessMillis) {
        this.plan = plan;
        this.valueOf = plan.dimension().value();
        this.tag = plan.batchesTag();
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.keysOf = new int[plan.counting().size()];
        for (int i = 0; i < keysOf.length; i++) {
            String name = plan.counting().get(i).aggregation().name();
            keysOf[i] = -1;
            for (int k = 0; k < eventKeys.size(); k++) {
                if (eventKeys.get(k).aggregation().name().equals(name)) {
                    keysOf[i] = k;
                }
            }
            if (keysOf[i] < 0) {
                throw new IllegalArgumentException("No keys collected for " + name);
            }
        }
    }

    /** Adds {@code event}, whose keys per aggregation {@code eventKeys} holds. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void add(P event, long eventTime, List<? extends EventKeys<P, ?>> eventKeys) throws Exception {
        Local local = null;
        V value = null;
        for (int i = 0; i < keysOf.length; i++) {
            int flags = plan.counting().get(i).over().flagsOf(event);
            if (flags == 0) {
                continue;
            }
            EventKeys<P, ?> keys = eventKeys.get(keysOf[i]);
            for (int k = 0; k < keys.size(); k++) {
                if (local == null) {
                    value = valueOf.getKey(event);
                    local = local(value);
                }
                KeyBuffer encoded = keys.encoded(k);
                int entry = local.index.find(i, encoded.bytes(), encoded.length(), encoded.hash());
                if (entry < 0) {
                    local.index.add(i, encoded.bytes(), 0, encoded.length(), encoded.hash(), 0, flags);
                    entries++;
                } else {
                    local.index.flags[entry] |= flags;
                }
            }
        }
        List<DimensionPlan.Hosted<P, V, ?, ?>> marts = plan.marts();
        for (int j = 0; j < marts.size(); j++) {
            if (local == null) {
                value = valueOf.getKey(event);
                local = local(value);
            }
            KeyedMart mart = marts.get(j).mart();
            Object partial = local.partials[j];
            if (partial != null && !mart.fits(partial, event)) {
                // Everything this value holds so far (this event's memberships and earlier marts' partials
                // included) leaves as one batch; the event goes on in a new one.
                full.add(batchOf(value, local));
                local = new Local(marts.size());
                values.put(value, local);
                partial = null;
            }
            if (partial == null) {
                partial = mart.newPartial();
                local.partials[j] = partial;
                entries++;
            }
            mart.addTo(partial, event);
        }
        if (local != null) {
            earliestEventTime = Math.min(earliestEventTime, eventTime);
        }
    }

    private Local local(V value) {
        Local local = values.get(value);
        if (local == null) {
            local = new Local(plan.marts().size());
            values.put(value, local);
            entries++;
        }
        return local;
    }

    /** Whether a watermark of {@code time} could close a key of a buffered event: flush before forwarding it. */
    boolean closesBy(long time) {
        return earliestEventTime != Long.MAX_VALUE
                && time >= earliestEventTime + Math.min(allowedLatenessMillis, Long.MAX_VALUE - earliestEventTime);
    }

    /** Buffered values, entries and partials together. */
    int size() {
        return entries;
    }

    /** Emits one batch per buffered value (and the batches shipped early) and forgets them. */
    void flushTo(Output<?> output) {
        for (ValueBatch<V> batch : drain()) {
            output.collect(tag, new StreamRecord<>(batch));
        }
    }

    /** One batch per buffered value, after the batches shipped early; forgets them. */
    List<ValueBatch<V>> drain() {
        List<ValueBatch<V>> batches = new ArrayList<>(full.size() + values.size());
        batches.addAll(full);
        full.clear();
        for (Map.Entry<V, Local> entry : values.entrySet()) {
            batches.add(batchOf(entry.getKey(), entry.getValue()));
        }
        values.clear();
        entries = 0;
        earliestEventTime = Long.MAX_VALUE;
        return batches;
    }

    /** The batch of a value's entries; it takes over the arrays of {@code local}, which is not used again. */
    private static <V> ValueBatch<V> batchOf(V value, Local local) {
        Memberships index = local.index;
        return new ValueBatch<>(value, index.size, index.aggregations, index.flags, index.keys, index.starts,
                index.lengths, local.partials);
    }

    /** The batches of {@code events} read by one subtask between two flushes (tests feed a dimension's stage). */
    static <P, V> List<ValueBatch<V>> ofEvents(DimensionPlan<P, V> plan, List<P> events) throws Exception {
        List<EventKeys<P, ?>> keys = new ArrayList<>();
        for (DimensionPlan.Counted<P, ?> counted : plan.counting()) {
            keys.add(new EventKeys<>(counted.aggregation()));
        }
        ValueCombiner<P, V> combiner = new ValueCombiner<>(plan, keys, 0);
        for (P event : events) {
            for (EventKeys<P, ?> eventKeys : keys) {
                eventKeys.collect(event);
            }
            combiner.add(event, 0, keys);
        }
        return combiner.drain();
    }

    /** The batch of {@code event} alone (tests feed a dimension's stage event by event). */
    static <P, V> ValueBatch<V> ofEvent(DimensionPlan<P, V> plan, P event) throws Exception {
        List<EventKeys<P, ?>> keys = new ArrayList<>();
        for (DimensionPlan.Counted<P, ?> counted : plan.counting()) {
            EventKeys<P, ?> eventKeys = new EventKeys<>(counted.aggregation());
            eventKeys.collect(event);
            keys.add(eventKeys);
        }
        ValueCombiner<P, V> combiner = new ValueCombiner<>(plan, keys, 0);
        combiner.add(event, 0, keys);
        V value = plan.dimension().value().getKey(event);
        Local local = combiner.values.getOrDefault(value, new Local(plan.marts().size()));
        return batchOf(value, local);
    }
}
