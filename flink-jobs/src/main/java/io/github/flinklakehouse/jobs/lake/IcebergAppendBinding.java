package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.SinkBinding;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * Appends a stream to an Iceberg table through {@link IcebergSink} (the Sink V2 writer), committing on checkpoints.
 *
 * <p>Elements are first converted to {@link RowData} by {@code toRow} (operator uid {@code <uid>.to-row}).
 * {@code IcebergSink} was chosen over the older {@code FlinkSink} because its committables travel with
 * Flink's own serializers (no Kryo for {@code WriteResult}) and it commits exactly once per checkpoint.
 */
public final class IcebergAppendBinding<T> implements SinkBinding<T> {

    private final TableLoader tableLoader;
    private final Schema schema;
    private final MapFunction<T, RowData> toRow;

    public IcebergAppendBinding(TableLoader tableLoader, Schema schema, MapFunction<T, RowData> toRow) {
        this.tableLoader = tableLoader;
        this.schema = schema;
        this.toRow = toRow;
    }

    @Override
    public DataStreamSink<?> bind(DataStream<T> stream, String uid, String name) {
        return IcebergSink.forRowData(rows(stream, schema, toRow, uid, name))
                .tableLoader(tableLoader)
                .uidSuffix(uid)
                .append()
                .uid(uid)
                .name(name);
    }

    /** {@code stream} converted by {@code toRow} to rows of {@code schema}, uid {@code <uid>.to-row}. */
    static <T> DataStream<RowData> rows(DataStream<T> stream, Schema schema, MapFunction<T, RowData> toRow, String uid,
            String name) {
        RowType rowType = FlinkSchemaUtil.convert(schema);
        return stream.map(new ToRowReleasingLibraries<>(toRow))
                .returns(InternalTypeInfo.of(rowType))
                .uid(uid + ".to-row")
                .name(name + " (to row)");
    }
}
