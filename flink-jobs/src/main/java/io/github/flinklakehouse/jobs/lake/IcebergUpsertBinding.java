package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.SinkBinding;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * Upserts a stream of absolute rows into an Iceberg format v2 table by its key, committing on checkpoints: each row
 * replaces the table's row with the same key (an equality delete of the key plus the new row; a row the same writer
 * wrote in the same checkpoint is removed by a position delete instead).
 *
 * <p>{@link IcebergSink} sends the rows to its writers keyed by the key columns, so all writes of one key go to one
 * writer in their order. The key must contain the source columns of the table's partition spec (Iceberg's rule for
 * equality deletes); the curated dimensions are unpartitioned. Conversion as in {@link IcebergAppendBinding}.
 */
public final class IcebergUpsertBinding<T> implements SinkBinding<T> {

    private final TableLoader tableLoader;
    private final Schema schema;
    private final MapFunction<T, RowData> toRow;
    private final List<String> key;

    public IcebergUpsertBinding(TableLoader tableLoader, Schema schema, MapFunction<T, RowData> toRow,
            List<String> key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("An upsert needs key columns");
        }
        this.tableLoader = tableLoader;
        this.schema = schema;
        this.toRow = toRow;
        this.key = List.copyOf(key);
    }

    @Override
    public DataStreamSink<?> bind(DataStream<T> stream, String uid, String name) {
        return IcebergSink.forRowData(IcebergAppendBinding.rows(stream, schema, toRow, uid, name))
                .tableLoader(tableLoader)
                .upsert(true)
                .equalityFieldColumns(key)
                .uidSuffix(uid)
                .append()
                .uid(uid)
                .name(name);
    }
}
