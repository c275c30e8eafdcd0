package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Rolls an aggregation's keys up into coarser groups that never close: e.g. every UTC hour into its hour of the
 * week, for a heat map over all the data. A group's row is its keys' absolute values merged by each measure's own
 * merge (counts and distinct counts add up, minima take the least), with the number of keys merged.
 *
 * <p>The keys keep their own periods, so distinct counts stay exact per key (distinct users of each hour, added up
 * over the hours) and the state stays bounded: a closed key is folded into its group's totals and forgotten, and a
 * group holds only its open keys beside them.
 *
 * @param groupType type of the group (the roll-up stage's key)
 * @param group the group of a key
 * @param row the table row of a group from the number of its keys and their merged values
 * @param <K> the aggregation's key type
 * @param <G> group type
 * @param <R> row type
 */
public record Rollup<K, G, R>(TypeInformation<G> groupType, GroupOf<K, G> group, RolledUpRow<G, R> row)
        implements Serializable {

    /** The group a key rolls up into. */
    @FunctionalInterface
    public interface GroupOf<K, G> extends Serializable {
        G of(K key);
    }

    /** The row of {@code group}: {@code keys} keys with at least one event, their values merged into {@code totals}. */
    @FunctionalInterface
    public interface RolledUpRow<G, R> extends Serializable {
        R of(G group, long keys, long[] totals);
    }

    public Rollup {
        Objects.requireNonNull(groupType, "groupType");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(row, "row");
    }
}
