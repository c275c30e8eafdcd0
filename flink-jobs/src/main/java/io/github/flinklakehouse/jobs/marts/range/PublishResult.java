package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.util.List;

/**
 * What a {@link MartRangePublisher#publish} changed.
 *
 * @param stagingSchema the published staging schema
 * @param targetSchema the marts schema written
 * @param range the range whose rows were replaced
 * @param tables rows deleted and inserted per table, in publish order
 * @param stagingDropFailure why the staging schema could not be dropped after the commit, or {@code null} when
 *     it was dropped
 * @param lakeTables what the pipeline's {@link RangeLakeCopy}s changed in the lake after the commit, per table
 */
public record PublishResult(
        String stagingSchema, String targetSchema, EventTimeRange range, List<TablePublish> tables,
        String stagingDropFailure, List<TablePublish> lakeTables) {

    public PublishResult {
        tables = List.copyOf(tables);
        lakeTables = List.copyOf(lakeTables);
    }

    /** A publish into PostgreSQL only. */
    public PublishResult(String stagingSchema, String targetSchema, EventTimeRange range, List<TablePublish> tables,
            String stagingDropFailure) {
        this(stagingSchema, targetSchema, range, tables, stagingDropFailure, List.of());
    }

    /** This publish, with the lake copies' changes. */
    public PublishResult withLakeTables(List<TablePublish> lake) {
        return new PublishResult(stagingSchema, targetSchema, range, tables, stagingDropFailure, lake);
    }

    /**
     * One table's changes.
     *
     * @param table table name
     * @param deleted target rows of the range deleted
     * @param inserted staging rows of the range written (inserted, or updated over a row outside the range)
     * @param replacedOutsideRange of {@code inserted}, rows that overwrote a target row lying outside the range
     *     (same key, different period: e.g. a session that also has events outside the range)
     */
    public record TablePublish(String table, long deleted, long inserted, long replacedOutsideRange) {
    }

    /** The result of {@code table}, if published. */
    public TablePublish table(String table) {
        return tables.stream().filter(t -> t.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No table " + table + " in " + tables));
    }

    /** Whether the staging schema is gone. */
    public boolean stagingDropped() {
        return stagingDropFailure == null;
    }

    /** A few lines for a terminal: one per table, the lake copies' changes, then the staging schema's fate. */
    public String render() {
        StringBuilder text = new StringBuilder("Published " + range + " from " + stagingSchema + " into "
                + targetSchema + ":\n");
        for (TablePublish table : tables) {
            render(text, table, "inserted", "replaced a row lying outside the range");
        }
        if (!lakeTables.isEmpty()) {
            text.append("Lake copies brought to ").append(targetSchema).append("'s rows:\n");
            for (TablePublish table : lakeTables) {
                render(text, table, "upserted", "outside the range");
            }
        }
        if (stagingDropped()) {
            text.append("  staging schema ").append(stagingSchema).append(" dropped\n");
        } else {
            text.append("  staging schema ").append(stagingSchema).append(" NOT dropped (").append(stagingDropFailure)
                    .append("); drop it with: DROP SCHEMA ").append(stagingSchema).append(" CASCADE\n");
        }
        return text.toString();
    }

    private static void render(StringBuilder text, TablePublish table, String written, String outside) {
        text.append(String.format("  %-24s %10d deleted %10d %s", table.table(), table.deleted(), table.inserted(),
                written));
        if (table.replacedOutsideRange() > 0) {
            text.append(" (").append(table.replacedOutsideRange()).append(' ').append(outside).append(')');
        }
        text.append('\n');
    }
}
