package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Brings the lake copies of a pipeline's tables (tables a live job writes to PostgreSQL and to Iceberg alike) in line
 * with the target schema after a backfill of a range was published there. It runs after the publish's commit, so
 * PostgreSQL is the truth it copies from. Each lake table changes in one commit; after a failure the PostgreSQL rows
 * stay published, the lake tables committed before stay changed, and the same backfill run again repeats the copy.
 */
public interface RangeLakeCopy {

    /**
     * Copies what the publish of {@code range} into {@code target} changed to the lake.
     *
     * @return what changed, one entry per lake table
     */
    List<PublishResult.TablePublish> copy(JdbcConnectionSettings marts, String target, EventTimeRange range)
            throws SQLException, IOException;
}
