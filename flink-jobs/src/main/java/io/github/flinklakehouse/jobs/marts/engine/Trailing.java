package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Compares each entry of an aggregation (e.g. one region in one UTC hour) with the entries of the same group
 * {@code 1..periods} steps earlier (the same region in the same hour of the week, 1 to 4 weeks before): the row of an
 * entry is built from the entry and those earlier entries, so a mart can say how an hour compares with the usual.
 *
 * <p>The history is the aggregation's own absolute entries, held per group by {@link TrailingFunction} for as long as a
 * later entry may still need them. An earlier entry that arrives or changes after a later one (always in BATCH mode,
 * where entries come in any order; a late correction in STREAMING) re-emits the later entries' rows, so the rows
 * converge to the same values in both modes.
 *
 * @param groupType type of the group (the stage's key)
 * @param group the group of an entry
 * @param time the start of an entry's period, epoch millis
 * @param periodEnd the exclusive end of an entry's period (its key's period end)
 * @param step how far back one earlier period is, millis (a week)
 * @param periods how many earlier periods a row looks at
 * @param row the row of an entry from its earlier entries ({@code periods} of them, index 0 one step back, null
 *     where the group had no entry); may return null (no row)
 * @param <I> entry type
 * @param <G> group type
 * @param <R> row type
 */
public record Trailing<I, G, R>(
        TypeInformation<G> groupType,
        KeySelector<I, G> group,
        EventFunctions.ToLong<I> time,
        EventFunctions.ToLong<I> periodEnd,
        long step,
        int periods,
        TrailingRow<I, R> row) implements Serializable {

    /** The row of {@code entry} given its {@code earlier} entries (index 0 one step back; null where missing). */
    @FunctionalInterface
    public interface TrailingRow<I, R> extends Serializable {
        R of(I entry, List<I> earlier);
    }

    public Trailing {
        Objects.requireNonNull(groupType, "groupType");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(row, "row");
        if (step <= 0) {
            throw new IllegalArgumentException("step must be > 0, was " + step);
        }
        if (periods < 1) {
            throw new IllegalArgumentException("periods must be >= 1, was " + periods);
        }
    }
}
