package io.github.flinklakehouse.jobs.marts.range;

import java.util.List;

/**
 * The differences of one mart table inside a range: exact counts per kind, and the first differing rows by
 * primary key (at most the comparison's listing cap).
 *
 * @param table table name
 * @param missingInTarget rows the recomputation has and the target lacks
 * @param unexpectedInTarget rows the target has and the recomputation lacks
 * @param different rows of the same key with different values
 * @param listed the first differing rows in key order
 */
public record TableParity(
        String table, long missingInTarget, long unexpectedInTarget, long different, List<RowDifference> listed) {

    public TableParity {
        listed = List.copyOf(listed);
    }

    /** All differing rows of the table. */
    public long differingRows() {
        return missingInTarget + unexpectedInTarget + different;
    }

    /** Whether the table is identical inside the range. */
    public boolean identical() {
        return differingRows() == 0;
    }
}
