package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.metrics.MetricGroup;

/**
 * A mart whose rows are keyed by the values of a dimension itself (one row per session, per user) and whose
 * logic is the pipeline's own (a session's inactivity close, an SCD Type 2 version). It runs inside the
 * dimension's stage, next to that dimension's distinct counts, so it costs no shuffle of its own; the engine
 * keeps its lifecycle:
 *
 * <ul>
 *   <li>while a key is open, a changed key's {@link #row} is emitted at most once per flush interval
 *       (processing-time timer; only the cadence uses processing time, the numbers depend on event time only);</li>
 *   <li>when the watermark reaches {@link #closeTime} (an event-time timer, moved forward when a later event
 *       extends the key), the final row is emitted and {@link #clear} called;</li>
 *   <li>in BATCH mode each key emits once, when its input ends.</li>
 * </ul>
 *
 * <p>State names must start with {@link #name()} and a dot, so marts in one stage never share state.
 *
 * @param <P> the marts' event type
 * @param <V> the dimension's value type (the key)
 * @param <R> row type
 */
public abstract class KeyedMart<P, V, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;

    protected KeyedMart(String name) {
        this.name = MartNames.requireName(name);
    }

    /** Names the mart's state (and its timers' namespace). */
    public final String name() {
        return name;
    }

    /** Registers the mart's keyed state and metrics; called once per subtask. */
    protected abstract void open(KeyedStateStore state, MetricGroup metrics) throws Exception;

    /**
     * Whether {@code event} may still be added to its key. A mart that refuses an event (e.g. one for a session
     * whose row is already final) gives {@code rejected} a dead letter saying why. Default: every event is accepted.
     */
    protected boolean accept(V key, P event, Consumer<DeadLetter> rejected) throws Exception {
        return true;
    }

    /** Adds {@code event} to the state of {@code key}. */
    protected abstract void add(V key, P event) throws Exception;

    /**
     * Event time at which the row of {@code key} is final, given that {@code event} was just added; never earlier
     * than {@code event time + allowed lateness} (so no counted event finds its key closed). May grow with later
     * events.
     */
    protected abstract long closeTime(V key, P event) throws Exception;

    /** The current absolute row of {@code key}, or {@code null} when it has none. */
    protected abstract R row(V key) throws Exception;

    /** Clears the key's state once its final row is out (a mart may leave a tombstone). */
    protected abstract void clear(V key) throws Exception;
}
