package io.github.flinklakehouse.jobs.lake;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * Reads the {@link #of position key} of a raw-table row projected to {@code (source, source_position)}: where the
 * row's record came from, which no two records share.
 */
public final class PositionKeyConverter implements RowDataConverter<String> {

    private static final long serialVersionUID = 1L;

    /** Joins source and position with a separator that neither contains. */
    public static String of(String source, String sourcePosition) {
        return source + '\u0000' + sourcePosition;
    }

    /** The position keys of every row of {@code table} (only its source and position columns are read). */
    public static IcebergSource<String> scan(CatalogLoader catalog, TableIdentifier table, Schema schema) {
        return IcebergSource.forOutputType(new PositionKeyConverter())
                .tableLoader(TableLoader.fromCatalog(catalog, table))
                .streaming(false)
                .project(schema.select("source", "source_position"))
                .build();
    }

    @Override
    public String apply(RowData row) {
        return of(row.getString(0).toString(), row.getString(1).toString());
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
