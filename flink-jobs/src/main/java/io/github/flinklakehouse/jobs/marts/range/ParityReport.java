package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.util.List;

/**
 * The parity check's verdict for a range: per mart table, the rows that differ between the target schema and
 * the recomputation in the staging schema (every column compared but {@code updated_at}).
 *
 * @param targetSchema the schema checked, e.g. {@code marts}
 * @param stagingSchema the schema holding the recomputed marts
 * @param range the range compared
 * @param tables one entry per compared table, in mart order
 */
public record ParityReport(String targetSchema, String stagingSchema, EventTimeRange range, List<TableParity> tables) {

    public ParityReport {
        tables = List.copyOf(tables);
    }

    /** Whether any row differs. */
    public boolean hasDrift() {
        return differingRows() > 0;
    }

    /** All differing rows over all tables. */
    public long differingRows() {
        return tables.stream().mapToLong(TableParity::differingRows).sum();
    }

    /** The entry of {@code table}. */
    public TableParity table(String table) {
        return tables.stream().filter(t -> t.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No table " + table + " in the report"));
    }

    /** A human-readable report: the verdict, one line per table, then the listed rows of drifting tables. */
    public String render() {
        StringBuilder text = new StringBuilder("Parity of " + targetSchema + " against the recomputation in "
                + stagingSchema + " for " + range + ": ");
        text.append(hasDrift() ? differingRows() + " differing rows" : "no drift").append('\n');
        for (TableParity table : tables) {
            text.append(String.format("  %-24s %s%n", table.table(), table.identical() ? "identical"
                    : table.different() + " different, " + table.missingInTarget() + " missing in target, "
                            + table.unexpectedInTarget() + " unexpected in target"));
            for (RowDifference row : table.listed()) {
                text.append("    ").append(row.render()).append('\n');
            }
            long unlisted = table.differingRows() - table.listed().size();
            if (unlisted > 0) {
                text.append("    ... and ").append(unlisted).append(" more\n");
            }
        }
        return text.toString();
    }
}
