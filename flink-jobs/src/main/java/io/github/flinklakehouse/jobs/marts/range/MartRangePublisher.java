package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a backfill: in one transaction, replaces the rows of a range in the target marts schema by the
 * staging schema's rows of that range, table by table; then drops the staging schema.
 *
 * <p>A row belongs to the range when its whole event-time period lies inside it ({@link EventTimeRange},
 * {@code MartTable.period()}); rows outside are never touched, except a target row whose key a staging row
 * inside the range also has (counted as {@code replacedOutsideRange}). Of a table shared by pipelines
 * ({@code rejected_daily}) only the publishing pipeline's rows are replaced. {@code pipeline_freshness} describes the
 * stream job and is never written. Inserted rows get {@code updated_at = now()}, like every mart write. Tables
 * without a period that a range still changes (the warehouse's dimensions and facts) are published by their
 * {@link RangeMerge}s, in the same transaction, after the ranged tables.
 */
public final class MartRangePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MartRangePublisher.class);

    private final JdbcConnectionSettings connection;
    private final List<MartTable<?>> tables;
    private final String pipeline;
    private final List<RangeMerge> merges;

    /**
     * Publishes the tables of {@code tables} that describe an event-time period, in that order; none of them may be
     * shared by pipelines.
     */
    public MartRangePublisher(JdbcConnectionSettings connection, List<MartTable<?>> tables) {
        this(connection, tables, null);
    }

    /**
     * Publishes the tables of {@code tables} that describe an event-time period, in that order; of a table shared by
     * pipelines ({@link MartTable#pipelineColumn()}) only {@code pipeline}'s rows are replaced.
     *
     * @param pipeline the pipeline whose marts these are; may be {@code null} when no table is shared
     */
    public MartRangePublisher(JdbcConnectionSettings connection, List<MartTable<?>> tables, String pipeline) {
        this(connection, tables, pipeline, List.of());
    }

    /**
     * Like {@link #MartRangePublisher(JdbcConnectionSettings, List, String)}, and then, in the same transaction, runs
     * {@code merges} in that order.
     */
    public MartRangePublisher(JdbcConnectionSettings connection, List<MartTable<?>> tables, String pipeline,
            List<RangeMerge> merges) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tables = RangeSql.rangedTables(tables);
        RangeSql.requirePipelineFor(this.tables, pipeline);
        this.pipeline = pipeline;
        this.merges = List.copyOf(merges);
    }

    /**
     * Replaces the rows of {@code range} in {@code targetSchema} by those of {@code staging}, all tables in one
     * transaction (on any failure nothing changes and the staging schema is kept), then drops {@code staging}.
     *
     * @return rows deleted and inserted per table, and whether the staging schema was dropped
     * @throws SQLException when the publish failed and was rolled back
     */
    public PublishResult publish(StagingSchema staging, String targetSchema, EventTimeRange range) throws SQLException {
        MartTable.requireSchemaName(targetSchema);
        Objects.requireNonNull(range, "range");
        if (staging.name().equals(targetSchema)) {
            throw new IllegalArgumentException("Cannot publish schema " + targetSchema + " into itself");
        }
        List<PublishResult.TablePublish> published = replaceRange(staging.name(), targetSchema, range);
        LOG.info("Published {} of {} into {}: {}", range, staging, targetSchema, published);
        String dropFailure = null;
        try {
            staging.drop(connection);
        } catch (SQLException e) {
            // The publish is committed; a leftover staging schema only costs space, so report rather than fail.
            LOG.warn("Published {} but could not drop the staging schema {}", range, staging, e);
            dropFailure = e.getMessage();
        }
        return new PublishResult(staging.name(), targetSchema, range, published, dropFailure);
    }

    private List<PublishResult.TablePublish> replaceRange(String staging, String target, EventTimeRange range)
            throws SQLException {
        try (Connection jdbc = MartDatabase.open(connection)) {
            jdbc.setAutoCommit(false);
            try {
                List<PublishResult.TablePublish> published = new ArrayList<>();
                for (MartTable<?> table : tables) {
                    published.add(replaceRange(jdbc, table, staging, target, range));
                }
                for (RangeMerge merge : merges) {
                    published.addAll(merge.merge(jdbc, staging, target, range));
                }
                jdbc.commit();
                return published;
            } catch (SQLException | RuntimeException e) {
                jdbc.rollback();
                throw e;
            }
        }
    }

    private PublishResult.TablePublish replaceRange(Connection jdbc, MartTable<?> table, String staging,
            String target, EventTimeRange range) throws SQLException {
        String targetTable = target + "." + table.name();
        String stagingTable = staging + "." + table.name();
        long deleted = update(jdbc, "WITH " + RangeSql.RANGE_CTE + " DELETE FROM " + targetTable + " t USING "
                + RangeSql.RANGE + " WHERE " + RangeSql.inside(table, "t"), range);
        // After the delete, a target row still holding a key of the range's rows lies outside the range.
        long replacedOutside = count(jdbc, "WITH " + RangeSql.RANGE_CTE + " SELECT count(*) FROM " + stagingTable
                + " s CROSS JOIN " + RangeSql.RANGE + " WHERE " + RangeSql.inside(table, "s")
                + " AND EXISTS (SELECT 1 FROM " + targetTable + " t WHERE " + RangeSql.equalOn(table.key(), "t", "s")
                + ")", range);
        long inserted = update(jdbc, "WITH " + RangeSql.RANGE_CTE + " INSERT INTO " + targetTable + " ("
                + String.join(", ", table.columns()) + ", updated_at) SELECT " + RangeSql.qualified(table.columns(), "s")
                + ", now() FROM " + stagingTable + " s CROSS JOIN " + RangeSql.RANGE + " WHERE "
                + RangeSql.inside(table, "s") + " ON CONFLICT (" + String.join(", ", table.key()) + ") DO UPDATE SET "
                + RangeSql.updateFromExcluded(table), range);
        return new PublishResult.TablePublish(table.name(), deleted, inserted, replacedOutside);
    }

    private long update(Connection jdbc, String sql, EventTimeRange range) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            RangeSql.bind(statement, range, pipeline);
            return statement.executeLargeUpdate();
        }
    }

    private long count(Connection jdbc, String sql, EventTimeRange range) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            RangeSql.bind(statement, range, pipeline);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
