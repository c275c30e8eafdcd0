package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.catalog.TableDefinition;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.lake.IcebergUpsertBinding;
import io.github.flinklakehouse.jobs.lake.MartTableRows;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * Where the warehouse tables' lake copies go: {@code curated.dim_user}, {@code curated.dim_product} and
 * {@code curated.fact_user_events}, each upserted by its identifier fields ({@link CuratedTables}) as PostgreSQL is
 * by its primary key, so a version written again when it closes, a changed product and a replayed fact replace their
 * row. Rows are converted from the same {@link MartTable} declarations the PostgreSQL sinks bind
 * ({@link MartTableRows}).
 */
public final class WarehouseLakeSinks implements MartSinks {

    private final CatalogLoader catalog;
    private final List<TableDefinition> tables;

    public WarehouseLakeSinks(CatalogLoader catalog, WarehouseSettings settings) {
        this.catalog = catalog;
        this.tables = definitions(settings);
    }

    /** The curated tables of {@code settings}, as {@code LakeTables.ensure} creates them. */
    public static List<TableDefinition> definitions(WarehouseSettings settings) {
        return CuratedTables.warehouse(settings.trackedAttributes().stream().map(UserAttribute::field).toList());
    }

    @Override
    public <R> SinkBinding<R> sinkFor(MartTable<R> table) {
        TableDefinition lake = tables.stream().filter(t -> t.identifier().name().equals(table.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No curated lake table for " + table.name()));
        TableLoader loader = TableLoader.fromCatalog(catalog, lake.identifier());
        MapFunction<R, RowData> toRow = new MartTableRows<>(table, lake.schema());
        List<String> key = lake.schema().identifierFieldNames().stream().sorted().toList();
        return new IcebergUpsertBinding<>(loader, lake.schema(), toRow, key);
    }
}
