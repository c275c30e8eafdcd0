package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * The latest event time in {@code raw.clickstream_events}, from the column metrics Iceberg keeps for every data file
 * (no data is read): every event a job has ever committed to the lake happened at or before it.
 */
public final class RawEventTimes {
    private static final String EVENT_TIME = "event_time";

    private RawEventTimes() {
    }

    /** The latest event time of the raw table; empty when it does not exist or holds no rows. */
    public static Optional<Instant> latest(StackEndpoints endpoints) {
        Map<String, String> properties = IcebergCatalogBootstrap.catalogProperties(endpoints);
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, properties);
            if (!catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
                return Optional.empty();
            }
            return latest(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata of " + RawTables.CLICKSTREAM_EVENTS, e);
        }
    }

    private static Optional<Instant> latest(Table table) throws IOException {
        int fieldId = table.schema().findField(EVENT_TIME).fieldId();
        Long latestMicros = null;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                Map<Integer, ByteBuffer> upperBounds = task.file().upperBounds();
                ByteBuffer upper = upperBounds == null ? null : upperBounds.get(fieldId);
                if (upper == null) {
                    throw new IllegalStateException("Data file " + task.file().location() + " of " + table.name()
                            + " has no " + EVENT_TIME + " metrics; cannot tell which mart periods a job without state "
                            + "would see in part");
                }
                long micros = Conversions.<Long>fromByteBuffer(Types.TimestampType.withZone(), upper);
                latestMicros = latestMicros == null ? micros : Math.max(latestMicros, micros);
            }
        }
        return Optional.ofNullable(latestMicros).map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }
}
