package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * A ranking of an aggregation's rows ("entries", e.g. one product on one day) per group (the day): the top N
 * entities of each group by a total order, re-ranked every flush interval while the group is open, final when the
 * group's period closes. A group's rows are written by rank, so a table keyed by (group, rank) gets the new entity
 * at a rank when the ranking changes; the number of ranks of a group never shrinks when entries only grow.
 *
 * @param n how many ranks
 * @param groupType type of the group (the ranker's key)
 * @param group the group of an entry
 * @param entityType type of the ranked entity
 * @param entity the entity of an entry (an entity's latest entry replaces its earlier ones)
 * @param ranking the order: negative when {@code a} ranks before {@code b}; must be total (ties broken)
 * @param periodEnd exclusive end of a group's period: the group is final at {@code periodEnd - 1 ms + lateness}
 * @param row the table row of the entry at a rank (1-based)
 * @param <I> entry type
 * @param <G> group type
 * @param <E> entity type
 * @param <R> row type
 */
public record TopN<I, G, E, R>(
        int n,
        TypeInformation<G> groupType,
        KeySelector<I, G> group,
        TypeInformation<E> entityType,
        KeySelector<I, E> entity,
        Ranking<I> ranking,
        EventFunctions.PeriodEnd<G> periodEnd,
        RankedRow<G, I, R> row) implements Serializable {

    /** A total order of entries. */
    @FunctionalInterface
    public interface Ranking<I> extends Serializable {
        int compare(I a, I b);
    }

    /** The row of {@code entry} at {@code rank} (1 = first) of {@code group}. */
    @FunctionalInterface
    public interface RankedRow<G, I, R> extends Serializable {
        R of(G group, int rank, I entry);
    }

    public TopN {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        Objects.requireNonNull(groupType, "groupType");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(row, "row");
    }
}
