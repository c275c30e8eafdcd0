package io.github.flinklakehouse.jobs.clickstream.marts;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The exact set of values seen for the current key (users, sessions, products...), kept in keyed map state
 * so a mart can count distinct values precisely and drop them when its key closes.
 */
final class DistinctValues<T> {

    private final MapState<T, Boolean> seen;

    /** Registers map state {@code name}; keep the name stable, savepoints refer to it. */
    DistinctValues(RuntimeContext context, String name, TypeInformation<T> type) {
        this.seen = context.getMapState(new MapStateDescriptor<>(name, type, Types.BOOLEAN));
    }

    /** Adds {@code value}; returns whether it was new for the current key. */
    boolean add(T value) throws Exception {
        if (seen.contains(value)) {
            return false;
        }
        seen.put(value, Boolean.TRUE);
        return true;
    }

    /** Forgets every value of the current key. */
    void clear() {
        seen.clear();
    }
}
