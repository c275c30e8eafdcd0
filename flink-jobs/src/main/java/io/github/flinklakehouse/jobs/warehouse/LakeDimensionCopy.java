package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.lake.IcebergKeyedChanges;
import io.github.flinklakehouse.jobs.lake.JdbcLakeRecords;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Brings the rows of a lake dimension ({@code curated.dim_user}, {@code curated.dim_product}) that belong to a scope
 * (the users or products a backfill's range touched) to the PostgreSQL table's rows, key by key: new and changed rows
 * upserted, rows PostgreSQL no longer has deleted. Only the scope's lake rows are held in memory.
 */
final class LakeDimensionCopy {

    private static final int FETCH = 10_000;
    private static final int ATTEMPTS = 3;

    private final Table table;
    private final String source;
    private final String scopeColumn;
    private final Set<Long> scope;
    private final String scopeTable;
    private final JdbcLakeRecords records;
    private final String key;

    /**
     * @param source the PostgreSQL table, {@code schema.table}
     * @param scopeColumn the column both tables hold whose values select the rows compared ({@code user_id})
     * @param scope those values
     * @param scopeTable a PostgreSQL table (temporary) holding the same values in a column named {@code id}
     */
    LakeDimensionCopy(Table table, String source, String scopeColumn, Set<Long> scope, String scopeTable) {
        this.table = table;
        this.source = source;
        this.scopeColumn = scopeColumn;
        this.scope = scope;
        this.scopeTable = scopeTable;
        this.records = new JdbcLakeRecords(table.schema());
        Set<String> identifier = table.schema().identifierFieldNames();
        if (identifier.size() != 1) {
            throw new IllegalStateException("Lake dimension " + table.name() + " is keyed by " + identifier);
        }
        this.key = identifier.iterator().next();
    }

    /** The keys whose lake row differs from PostgreSQL's now; nothing is written. */
    Set<Object> differences(Connection jdbc) throws SQLException, IOException {
        return diff(jdbc, null);
    }

    /**
     * Writes the differences and commits them; a commit that another writer's concurrent commit to the table
     * invalidated (the live job's) is computed again from fresh reads, up to three times.
     *
     * @return the counts, and the keys written or deleted
     */
    Copied commit(Connection jdbc, String lakeName) throws SQLException, IOException {
        for (int attempt = 1; ; attempt++) {
            try (IcebergKeyedChanges changes = new IcebergKeyedChanges(table)) {
                Set<Object> changed = diff(jdbc, changes);
                changes.commit();
                return new Copied(new PublishResult.TablePublish(lakeName, changes.deleted(), changes.upserted(), 0),
                        changed);
            } catch (ValidationException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(lakeName + " changed under the copy " + ATTEMPTS + " times (a "
                            + "live job committing to it): " + concurrent.getMessage(), concurrent);
                }
            }
        }
    }

    private Set<Object> diff(Connection jdbc, IcebergKeyedChanges changes) throws SQLException, IOException {
        Map<Object, Record> lakeRows = new HashMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            for (Record row : rows) {
                if (scope.contains((Long) row.getField(scopeColumn))) {
                    lakeRows.put(row.getField(key), records.normalize(row));
                }
            }
        }
        Set<Object> changed = new HashSet<>();
        try (PreparedStatement read = jdbc.prepareStatement("SELECT " + records.selectList("t") + " FROM " + source
                + " t JOIN " + scopeTable + " s ON s.id = t." + scopeColumn)) {
            read.setFetchSize(FETCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    Record row = records.read(rows);
                    if (!row.equals(lakeRows.remove(row.getField(key)))) {
                        changed.add(row.getField(key));
                        if (changes != null) {
                            changes.upsert(row);
                        }
                    }
                }
            }
        }
        for (Record gone : lakeRows.values()) {
            changed.add(gone.getField(key));
            if (changes != null) {
                changes.delete(gone);
            }
        }
        return changed;
    }

    /** What a commit changed: its counts, and the keys written or deleted. */
    record Copied(PublishResult.TablePublish result, Set<Object> changedKeys) {
    }
}
