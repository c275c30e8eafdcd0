package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.TableDefinition;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.lake.IcebergKeyedChanges;
import io.github.flinklakehouse.jobs.lake.JdbcLakeRecords;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import io.github.flinklakehouse.jobs.marts.range.RangeLakeCopy;
import io.github.flinklakehouse.jobs.marts.range.RangeSql;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * After a backfill published the warehouse of a range into the target schema ({@link WarehouseRangeMerge}), brings
 * the lake copies ({@code curated.dim_user}, {@code curated.dim_product}, {@code curated.fact_user_events}) to the
 * target's rows, one Iceberg commit per table (upserts and equality deletes by key, as the live job writes them):
 * <ul>
 *   <li>the dimensions are compared whole with the target's, key by key: new and changed rows are upserted, rows the
 *       target no longer has deleted (one row per user version or product: the lake's rows are held in memory);</li>
 *   <li>{@code fact_user_events}: the lake's facts of the range are deleted and the target's upserted, and so are the
 *       target's facts outside the range whose {@code user_key} is a {@code dim_user} version this copy wrote or
 *       deleted (the publish re-points facts outside the range when it merges or splits a version).</li>
 * </ul>
 * So a lake copy that equalled the target before the publish equals it after; one that missed rows (events that
 * reached the target other than through the live job) gets the range's rows, and the versions and facts around them.
 */
public final class WarehouseLakeCopy implements RangeLakeCopy {

    private static final String CHANGED_USER_KEYS = "warehouse_lake_copy_user_keys";
    private static final int FETCH = 10_000;

    private final CatalogLoader catalog;
    private final List<TableDefinition> tables;

    public WarehouseLakeCopy(CatalogLoader catalog, WarehouseSettings settings) {
        this.catalog = catalog;
        this.tables = WarehouseLakeSinks.definitions(settings);
    }

    @Override
    public List<PublishResult.TablePublish> copy(JdbcConnectionSettings marts, String target, EventTimeRange range)
            throws SQLException, IOException {
        MartTable.requireSchemaName(target);
        Catalog lake = catalog.loadCatalog();
        try (Connection jdbc = MartDatabase.open(marts)) {
            // Read-only, but in a transaction: cursors fetch in batches only inside one, and the key table is
            // temporary.
            jdbc.setAutoCommit(false);
            LakeTables.ensure(lake, tables);
            DimensionCopy users = copyDimension(lake.loadTable(CuratedTables.DIM_USER), jdbc, target + ".dim_user");
            DimensionCopy products = copyDimension(lake.loadTable(CuratedTables.DIM_PRODUCT), jdbc,
                    target + ".dim_product");
            PublishResult.TablePublish facts = copyFacts(lake.loadTable(CuratedTables.FACT_USER_EVENTS), jdbc, target,
                    range, users.changedKeys());
            jdbc.rollback();
            return List.of(users.result(), products.result(), facts);
        } finally {
            if (lake instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    /** Makes the lake dimension equal the PostgreSQL one; returns what changed and the keys written or deleted. */
    private static DimensionCopy copyDimension(Table table, Connection jdbc, String source)
            throws SQLException, IOException {
        JdbcLakeRecords records = new JdbcLakeRecords(table.schema());
        String key = singleKey(table);
        Map<Object, Record> lakeRows = new HashMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record row : rows) {
                lakeRows.put(row.getField(key), records.normalize(row));
            }
        }
        Set<Object> changed = new HashSet<>();
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(table);
                PreparedStatement read = jdbc.prepareStatement("SELECT " + records.selectList("t") + " FROM " + source
                        + " t")) {
            read.setFetchSize(FETCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    Record row = records.read(rows);
                    if (!row.equals(lakeRows.remove(row.getField(key)))) {
                        changes.upsert(row);
                        changed.add(row.getField(key));
                    }
                }
            }
            for (Record gone : lakeRows.values()) {
                changes.delete(gone);
                changed.add(gone.getField(key));
            }
            changes.commit();
            return new DimensionCopy(new PublishResult.TablePublish(lakeName(table), changes.deleted(),
                    changes.upserted(), 0), changed);
        }
    }

    private static PublishResult.TablePublish copyFacts(Table table, Connection jdbc, String target,
            EventTimeRange range, Set<Object> changedUserKeys) throws SQLException, IOException {
        JdbcLakeRecords records = new JdbcLakeRecords(table.schema());
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(table)) {
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter(range))
                    .select(table.schema().identifierFieldNames()).build()) {
                for (Record row : rows) {
                    // The scan prunes by the filter; keep exactly the range's rows.
                    if (range.contains(((OffsetDateTime) row.getField("event_time")).toInstant())) {
                        changes.delete(row);
                    }
                }
            }
            long deleted = changes.deleted();
            String facts = target + ".fact_user_events";
            upsertAll(changes, records, jdbc, "WITH " + RangeSql.RANGE_CTE + " SELECT " + records.selectList("f")
                    + " FROM " + facts + " f CROSS JOIN " + RangeSql.RANGE + " WHERE "
                    + RangeSql.contains("f.event_time"), range);
            long inRange = changes.upserted();
            if (!changedUserKeys.isEmpty()) {
                storeKeys(jdbc, changedUserKeys);
                upsertAll(changes, records, jdbc, "WITH " + RangeSql.RANGE_CTE + " SELECT " + records.selectList("f")
                        + " FROM " + facts + " f JOIN " + CHANGED_USER_KEYS + " k ON k.user_key = f.user_key"
                        + " CROSS JOIN " + RangeSql.RANGE + " WHERE NOT (" + RangeSql.contains("f.event_time") + ")",
                        range);
            }
            changes.commit();
            return new PublishResult.TablePublish(lakeName(table), deleted, changes.upserted(),
                    changes.upserted() - inRange);
        }
    }

    private static void upsertAll(IcebergKeyedChanges changes, JdbcLakeRecords records, Connection jdbc, String query,
            EventTimeRange range) throws SQLException {
        try (PreparedStatement read = jdbc.prepareStatement(query)) {
            RangeSql.bind(read, range, null);
            read.setFetchSize(FETCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    changes.upsert(records.read(rows));
                }
            }
        }
    }

    private static void storeKeys(Connection jdbc, Set<Object> userKeys) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE " + CHANGED_USER_KEYS + " (user_key bigint PRIMARY KEY)"
                    + " ON COMMIT DROP");
        }
        try (PreparedStatement insert = jdbc.prepareStatement("INSERT INTO " + CHANGED_USER_KEYS + " VALUES (?)")) {
            int pending = 0;
            for (Object key : userKeys) {
                insert.setLong(1, (Long) key);
                insert.addBatch();
                if (++pending % FETCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("ANALYZE " + CHANGED_USER_KEYS);
        }
    }

    private static Expression filter(EventTimeRange range) {
        Expression filter = Expressions.alwaysTrue();
        if (range.from() != null) {
            filter = Expressions.and(filter, Expressions.greaterThanOrEqual("event_time", micros(range.from())));
        }
        if (range.until() != null) {
            filter = Expressions.and(filter, Expressions.lessThan("event_time", micros(range.until())));
        }
        return filter;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** {@code curated.<table>}, without the catalog's name. */
    private static String lakeName(Table table) {
        String[] parts = table.name().split("\\.");
        return parts.length < 2 ? table.name() : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String singleKey(Table table) {
        Set<String> key = table.schema().identifierFieldNames();
        if (key.size() != 1) {
            throw new IllegalStateException("Lake dimension " + table.name() + " is keyed by " + key);
        }
        return key.iterator().next();
    }

    /** A dimension's copy: its counts, and the keys it upserted or deleted. */
    private record DimensionCopy(PublishResult.TablePublish result, Set<Object> changedKeys) {
    }
}
