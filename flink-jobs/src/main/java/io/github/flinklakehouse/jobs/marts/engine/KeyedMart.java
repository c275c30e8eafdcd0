package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;

/**
 * A mart whose rows are keyed by the values of a dimension itself (one row per session, per user) and whose
 * logic is the pipeline's own (a session's inactivity close, an SCD Type 2 version). Its events are combined per
 * value in every subtask before the shuffle ({@link #addTo} into a partial of type {@code A}, a map-side combine),
 * and the partials are merged into the value's state ({@link #add}) in the dimension's stage, next to that
 * dimension's distinct counts, so it costs no shuffle of its own. The engine keeps its lifecycle:
 *
 * <ul>
 *   <li>while a key is open, a changed key's {@link #row} is emitted at most once per flush interval
 *       (processing-time timer; only the cadence uses processing time, the numbers depend on event time only);</li>
 *   <li>when the watermark reaches {@link #closeTime} (an event-time timer, moved forward when a later event
 *       extends the key), the final row is emitted and {@link #clear} called;</li>
 *   <li>in BATCH mode each key emits once, when its input ends.</li>
 * </ul>
 *
 * <p>A partial holds one or more events of one value, so adding them one at a time or combined must give the same
 * state (the merge is associative and commutative). State names must start with {@link #name()} and a dot, so marts
 * in one stage never share state.
 *
 * @param <P> the marts' event type
 * @param <V> the dimension's value type (the key)
 * @param <A> the partial: what the mart keeps of a value's events between two flushes of a subtask
 * @param <R> row type
 */
public abstract class KeyedMart<P, V, A, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final TypeInformation<A> partialType;

    protected KeyedMart(String name, TypeInformation<A> partialType) {
        this.name = MartNames.requireName(name);
        this.partialType = Objects.requireNonNull(partialType, "partialType");
    }

    /** Names the mart's state (and its timers' namespace). */
    public final String name() {
        return name;
    }

    /** The type of the partials that cross the shuffle (a POJO or a hand-written type: never Kryo). */
    public final TypeInformation<A> partialType() {
        return partialType;
    }

    /** A fresh partial, before any event (map side). */
    protected abstract A newPartial();

    /** Adds {@code event} to {@code partial} (map side, in the subtask that read the event); {@link #fits} said it may. */
    protected abstract void addTo(A partial, P event);

    /**
     * Whether {@code event} can be added to {@code partial} without overflowing one of its sums; when it cannot,
     * the engine ships the partial as it is and adds the event to a new one. Default: always.
     */
    protected boolean fits(A partial, P event) {
        return true;
    }

    /** Registers the mart's keyed state and metrics; called once per subtask of the dimension's stage. */
    protected abstract void open(KeyedStateStore state, MetricGroup metrics) throws Exception;

    /**
     * Whether {@code partial} may still be added to its key. A mart that refuses it (e.g. events of a session whose
     * row is already final, or a partial that would overflow a sum of the key) gives {@code rejected} a dead letter
     * saying why. Default: everything is accepted.
     */
    protected boolean accept(V key, A partial, Consumer<DeadLetter> rejected) throws Exception {
        return true;
    }

    /**
     * Whether this mart's close ends the value for its whole dimension (a session is over once its row is final):
     * the stage then forgets the value's distinct-count memberships when the mart closes the key, instead of keeping
     * them until every period they were counted in closes (a month, for a monthly distinct count), and refuses the
     * distinct-count contributions of later batches while {@link #hasEnded} says so. The mart must dead-letter
     * those batches' events in {@link #accept}, so nothing is refused silently. At most one mart per dimension
     * ends values. Default: no.
     */
    protected boolean endsValue() {
        return false;
    }

    /**
     * Whether the value {@code key} has ended ({@link #endsValue}): its later events are refused by {@link #accept}
     * and not counted in the dimension's distinct counts either. Default: never.
     */
    protected boolean hasEnded(V key) throws Exception {
        return false;
    }

    /** Merges {@code partial} into the state of {@code key}. */
    protected abstract void add(V key, A partial) throws Exception;

    /**
     * Event time at which the row of {@code key} is final, given its state after the last {@link #add}; never
     * earlier than the time of any added event + allowed lateness (so no counted event finds its key closed). May
     * grow with later events.
     */
    protected abstract long closeTime(V key) throws Exception;

    /** The current absolute row of {@code key}, or {@code null} when it has none. */
    protected abstract R row(V key) throws Exception;

    /** Clears the key's state once its final row is out (a mart may leave a tombstone). */
    protected abstract void clear(V key) throws Exception;
}
