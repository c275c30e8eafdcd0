package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Publishes a backfill's rows of tables that describe no event-time period (a dimension keeps history across
 * ranges), which the range replacement of {@link MartRangePublisher} cannot own: the table's own rule merges the
 * staged rows of a range into the target. It runs inside the publish's transaction, after the ranged tables.
 */
public interface RangeMerge {

    /**
     * Merges {@code staging}'s rows of {@code range} into {@code target} on {@code jdbc} (no commit, no rollback: the
     * publisher owns the transaction).
     *
     * @return what changed, one entry per table written
     */
    List<PublishResult.TablePublish> merge(Connection jdbc, String staging, String target, EventTimeRange range)
            throws SQLException;
}
