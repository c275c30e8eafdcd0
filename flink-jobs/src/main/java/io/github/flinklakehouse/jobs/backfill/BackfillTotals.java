package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.config.BackfillSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The size of a backfill's input, published as global job parameters (web UI: job → Configuration; REST
 * {@code /jobs/:id/config}) so progress can show a share done and an ETA. Kafka ranges have none.
 */
public final class BackfillTotals {

    /** Bytes of every input file (compressed size of gzipped files). */
    public static final String TOTAL_BYTES = "backfill.total-bytes";
    /** Rows in the data files the lake scan reads (files pruned by the range; a file may hold rows outside it). */
    public static final String TOTAL_ROWS = "backfill.total-rows";

    private BackfillTotals() {
    }

    /** Measures the input of {@code backfill}: lists files, or plans the lake scan; nothing is read. */
    public static Configuration of(BackfillSettings backfill, CatalogLoader catalog) {
        Configuration totals = new Configuration();
        switch (backfill.source()) {
            case FILES -> totals.setString(TOTAL_BYTES, Long.toString(BackfillWiring.files(backfill).totalBytes()));
            case LAKE -> totals.setString(TOTAL_ROWS, Long.toString(lakeRows(backfill, catalog)));
            case KAFKA -> { }
        }
        return totals;
    }

    private static long lakeRows(BackfillSettings backfill, CatalogLoader catalogLoader) {
        Catalog catalog = catalogLoader.loadCatalog();
        try {
            TableScan scan = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).newScan();
            for (Expression filter : LakeEventsInput.scanFilters(backfill.range())) {
                scan = scan.filter(filter);
            }
            long rows = 0;
            try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
                for (FileScanTask task : tasks) {
                    rows += task.file().recordCount();
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the scan of " + RawTables.CLICKSTREAM_EVENTS, e);
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Only releases the catalog's connection pool.
                }
            }
        }
    }
}
