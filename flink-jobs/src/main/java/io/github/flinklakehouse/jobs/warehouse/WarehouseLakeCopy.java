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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * After a backfill published the warehouse of a range into the target schema ({@link WarehouseRangeMerge}), brings
 * the lake copies ({@code curated.dim_user}, {@code curated.dim_product}, {@code curated.fact_user_events}) to the
 * target's rows, one Iceberg commit per table (upserts and equality deletes by key, as the live job writes them).
 * Its scope is what the publish can have changed: the users with a fact or a version starting in the range (in the
 * target, or in the lake before), and the products of the range's facts.
 * <ul>
 *   <li>{@code fact_user_events}: the lake's facts of the range are deleted and the target's upserted, and so are the
 *       target's facts outside the range whose {@code user_key} is a version of those users that differs between the
 *       lake and the target (the publish re-points facts outside the range when it merges or splits a version);</li>
 *   <li>the dimensions: the scope's rows compared key by key, new and changed rows upserted, rows the target no longer
 *       has deleted ({@link LakeDimensionCopy}).</li>
 * </ul>
 * The facts are committed before the dimensions, so a copy that failed in between still finds the dimension rows that
 * differ when it is run again, and copies their facts again. A dimension commit that the live job's concurrent
 * commit invalidates is computed again; the facts' commit conflicts only with commits to the range.
 */
public final class WarehouseLakeCopy implements RangeLakeCopy {

    private static final String USERS = "warehouse_lake_copy_users";
    private static final String PRODUCTS = "warehouse_lake_copy_products";
    private static final String USER_KEYS = "warehouse_lake_copy_user_keys";
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
            // Read-only, but in a transaction: cursors fetch in batches only inside one, and the scope tables are
            // temporary. Each statement reads what is committed when it starts (the live job writes PostgreSQL before
            // it commits the same rows to the lake).
            jdbc.setAutoCommit(false);
            LakeTables.ensure(lake, tables);
            Table facts = lake.loadTable(CuratedTables.FACT_USER_EVENTS);
            Set<Long> users = new HashSet<>(targetIds(jdbc, "SELECT f.user_id FROM " + target + ".fact_user_events f"
                    + " CROSS JOIN " + RangeSql.RANGE + " WHERE " + RangeSql.contains("f.event_time") + " UNION SELECT"
                    + " d.user_id FROM " + target + ".dim_user d CROSS JOIN " + RangeSql.RANGE + " WHERE "
                    + RangeSql.contains("d.valid_from"), range));
            users.addAll(lakeUsersOfRange(facts, range));
            Set<Long> products = targetIds(jdbc, "SELECT DISTINCT f.product_id FROM " + target + ".fact_user_events f"
                    + " CROSS JOIN " + RangeSql.RANGE + " WHERE " + RangeSql.contains("f.event_time"), range);
            store(jdbc, USERS, users);
            store(jdbc, PRODUCTS, products);
            LakeDimensionCopy userCopy = new LakeDimensionCopy(lake.loadTable(CuratedTables.DIM_USER),
                    target + ".dim_user", "user_id", users, USERS);
            LakeDimensionCopy productCopy = new LakeDimensionCopy(lake.loadTable(CuratedTables.DIM_PRODUCT),
                    target + ".dim_product", "product_id", products, PRODUCTS);

            Set<Object> versionsToCopy = userCopy.differences(jdbc);
            PublishResult.TablePublish factsCopied = copyFacts(facts, jdbc, target, range, versionsToCopy, true);
            LakeDimensionCopy.Copied usersCopied = userCopy.commit(jdbc, lakeName(CuratedTables.DIM_USER));
            // Versions the live job changed meanwhile: their facts too.
            Set<Object> later = new HashSet<>(usersCopied.changedKeys());
            later.removeAll(versionsToCopy);
            if (!later.isEmpty()) {
                PublishResult.TablePublish more = copyFacts(facts, jdbc, target, range, later, false);
                factsCopied = new PublishResult.TablePublish(factsCopied.table(), factsCopied.deleted(),
                        factsCopied.inserted() + more.inserted(),
                        factsCopied.replacedOutsideRange() + more.replacedOutsideRange());
            }
            LakeDimensionCopy.Copied productsCopied = productCopy.commit(jdbc, lakeName(CuratedTables.DIM_PRODUCT));
            jdbc.rollback();
            return List.of(usersCopied.result(), productsCopied.result(), factsCopied);
        } finally {
            if (lake instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * Copies the target's facts outside the range whose {@code user_key} is one of {@code versions} and, when
     * {@code withRange}, the range's facts (the lake's deleted, the target's upserted); one commit.
     */
    private static PublishResult.TablePublish copyFacts(Table table, Connection jdbc, String target,
            EventTimeRange range, Set<Object> versions, boolean withRange) throws SQLException, IOException {
        JdbcLakeRecords records = new JdbcLakeRecords(table.schema());
        String facts = target + ".fact_user_events";
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(table, filter(range))) {
            long inRange = 0;
            if (withRange) {
                try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter(range))
                        .select(table.schema().identifierFieldNames()).build()) {
                    for (Record row : rows) {
                        if (inRange(range, row)) {
                            changes.delete(row);
                        }
                    }
                }
                upsertAll(changes, records, jdbc, "WITH " + RangeSql.RANGE_CTE + " SELECT " + records.selectList("f")
                        + " FROM " + facts + " f CROSS JOIN " + RangeSql.RANGE + " WHERE "
                        + RangeSql.contains("f.event_time") + " ORDER BY f.event_time", range);
                inRange = changes.upserted();
            }
            if (!versions.isEmpty()) {
                store(jdbc, USER_KEYS, versions.stream().map(Long.class::cast).collect(Collectors.toSet()));
                upsertAll(changes, records, jdbc, "WITH " + RangeSql.RANGE_CTE + " SELECT " + records.selectList("f")
                        + " FROM " + facts + " f JOIN " + USER_KEYS + " k ON k.id = f.user_key CROSS JOIN "
                        + RangeSql.RANGE + " WHERE NOT (" + RangeSql.contains("f.event_time") + ") ORDER BY"
                        + " f.event_time", range);
            }
            changes.commit();
            return new PublishResult.TablePublish(lakeName(CuratedTables.FACT_USER_EVENTS), changes.deleted(),
                    changes.upserted(), changes.upserted() - inRange);
        }
    }

    /** The users of the lake's facts in the range (before the copy): a user the target no longer has there too. */
    private static Set<Long> lakeUsersOfRange(Table facts, EventTimeRange range) throws IOException {
        Set<Long> users = new HashSet<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(facts).where(filter(range))
                .select("event_time", "user_id").build()) {
            for (Record row : rows) {
                if (inRange(range, row)) {
                    users.add((Long) row.getField("user_id"));
                }
            }
        }
        return users;
    }

    private static boolean inRange(EventTimeRange range, Record row) {
        // The scan prunes files by the filter; rows outside it may remain.
        return range.contains(((OffsetDateTime) row.getField("event_time")).toInstant());
    }

    private static Set<Long> targetIds(Connection jdbc, String query, EventTimeRange range) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement read = jdbc.prepareStatement("WITH " + RangeSql.RANGE_CTE + " " + query)) {
            RangeSql.bind(read, range, null);
            read.setFetchSize(FETCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
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

    /** Fills the temporary table {@code name} (column {@code id}) with {@code ids}, replacing what it held. */
    private static void store(Connection jdbc, String name, Set<Long> ids) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + name + " (id bigint PRIMARY KEY)"
                    + " ON COMMIT DROP");
            statement.execute("TRUNCATE " + name);
        }
        try (PreparedStatement insert = jdbc.prepareStatement("INSERT INTO " + name + " VALUES (?)")) {
            int pending = 0;
            for (long id : ids) {
                insert.setLong(1, id);
                insert.addBatch();
                if (++pending % FETCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("ANALYZE " + name);
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

    private static String lakeName(TableIdentifier table) {
        return table.toString();
    }
}
