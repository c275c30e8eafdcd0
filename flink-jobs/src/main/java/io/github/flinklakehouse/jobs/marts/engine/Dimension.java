package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * A field of the marts' events whose distinct values the marts count (users, sessions, products). The engine
 * keys one stage by each dimension, so exact distinct counts are split by the counted value itself: no key
 * (an hour, a day) ever funnels every event into one subtask, and one shuffle serves every mart that counts
 * this dimension.
 *
 * @param <P> the marts' event type
 * @param <V> the value type
 */
public final class Dimension<P, V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final TypeInformation<V> type;
    private final KeySelector<P, V> value;

    private Dimension(String name, TypeInformation<V> type, KeySelector<P, V> value) {
        this.name = MartNames.requireName(name);
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * A dimension named {@code name} (it names the stage's uid, e.g. {@code user} gives {@code <pipeline>.marts.by-user.v2})
     * whose value {@code value} reads from an event; the value must never be null.
     */
    public static <P, V> Dimension<P, V> of(String name, TypeInformation<V> type, KeySelector<P, V> value) {
        return new Dimension<>(name, type, value);
    }

    public String name() {
        return name;
    }

    public TypeInformation<V> type() {
        return type;
    }

    /** Reads the value from an event (also the stage's key selector). */
    public KeySelector<P, V> value() {
        return value;
    }

    @Override
    public String toString() {
        return "Dimension[" + name + "]";
    }
}
