package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.catalog.maintenance.LakeTableMaintenance;
import io.github.flinklakehouse.catalog.maintenance.MaintenancePlan;
import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.catalog.maintenance.TableHealth;
import io.github.flinklakehouse.jobs.config.MaintenanceSettings;
import io.github.flinklakehouse.jobs.config.MartsSettings;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Lake maintenance over every table of the configured namespaces ({@code raw}, {@code curated}): one
 * {@link LakeTableMaintenance} pass per table, its outcome recorded in {@code lake_health}; or a dry run that
 * records nothing.
 */
public final class LakeMaintenance {

    private final Catalog catalog;
    private final MaintenanceSettings settings;
    private final MartsSettings marts;

    public LakeMaintenance(Catalog catalog, MaintenanceSettings settings, MartsSettings marts) {
        this.catalog = catalog;
        this.settings = settings;
        this.marts = marts;
    }

    /** The tables of the configured namespaces that exist, in namespace order. */
    public List<TableIdentifier> tables() {
        List<TableIdentifier> tables = new ArrayList<>();
        for (String name : settings.namespaces()) {
            Namespace namespace = Namespace.of(name);
            if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
                continue;
            }
            catalog.listTables(namespace).stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(tables::add);
        }
        return tables;
    }

    /** What a pass would do to each table now; changes nothing. */
    public Map<TableIdentifier, MaintenancePlan> plan(Instant now) {
        Map<TableIdentifier, MaintenancePlan> plans = new LinkedHashMap<>();
        for (TableIdentifier table : tables()) {
            plans.put(table, LakeTableMaintenance.plan(catalog.loadTable(table), settings.policy(), now));
        }
        return plans;
    }

    /** Runs a pass on each table and records each outcome in {@code lake_health}. */
    public List<MaintenanceReport> run(Instant now) throws SQLException {
        LakeHealthTable.TABLE.ensure(marts.connection(), marts.schema());
        List<MaintenanceReport> reports = new ArrayList<>();
        for (TableIdentifier table : tables()) {
            MaintenanceReport report = LakeTableMaintenance.run(catalog.loadTable(table), settings.policy(), now);
            record(table.toString(), report);
            reports.add(report);
        }
        return reports;
    }

    /** The rows of {@code lake_health}, by table name; empty when no pass ever ran. */
    public static Map<String, LakeHealthRow> recorded(MartsSettings marts) throws SQLException {
        Map<String, LakeHealthRow> rows = new LinkedHashMap<>();
        try (Connection jdbc = MartDatabase.open(marts.connection());
                PreparedStatement select = jdbc.prepareStatement("SELECT * FROM " + marts.schema() + "."
                        + LakeHealthTable.TABLE.name() + " ORDER BY table_name")) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    LakeHealthRow row = new LakeHealthRow(result.getString("table_name"), result.getLong("data_files"),
                            result.getLong("data_bytes"), result.getLong("avg_file_bytes"), result.getLong("records"),
                            result.getInt("snapshots"), result.getInt("manifests"),
                            instant(result.getTimestamp("oldest_snapshot_at")),
                            instant(result.getTimestamp("last_compaction_at")),
                            instant(result.getTimestamp("last_expiry_at")), result.getInt("files_compacted"),
                            result.getInt("snapshots_expired"), result.getInt("orphans_deleted"));
                    rows.put(row.tableName(), row);
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return rows; // no pass has created the table yet
            }
            throw e;
        }
        return rows;
    }

    private void record(String table, MaintenanceReport report) throws SQLException {
        LakeHealthRow previous = recorded(marts).get(table);
        TableHealth health = report.after();
        LakeHealthRow row = new LakeHealthRow(table, health.dataFiles(), health.dataBytes(), health.averageFileBytes(),
                health.records(), health.snapshots(), health.manifests(), health.oldestSnapshotAt(),
                report.compactedAt() != null ? report.compactedAt() : previous == null ? null : previous.lastCompactionAt(),
                report.expiredAt() != null ? report.expiredAt() : previous == null ? null : previous.lastExpiryAt(),
                report.filesCompacted(), report.snapshotsExpired(), report.orphansDeleted());
        try (Connection jdbc = MartDatabase.open(marts.connection());
                PreparedStatement upsert = jdbc.prepareStatement(LakeHealthTable.TABLE.upsert(marts.schema()).sql())) {
            LakeHealthTable.TABLE.binder().accept(upsert, row);
            upsert.executeUpdate();
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
