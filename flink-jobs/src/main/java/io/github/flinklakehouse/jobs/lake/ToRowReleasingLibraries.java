package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.JobClassLoaderRelease;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.table.data.RowData;

/**
 * A lake sink's conversion to rows that also has the TaskManager release what the job's copies of Iceberg, Hadoop
 * and the AWS SDK leave running once the job is gone ({@link JobClassLoaderRelease#whenReleasedBy}): every job that
 * writes the lake passes here.
 */
final class ToRowReleasingLibraries<T> extends RichMapFunction<T, RowData> {

    private static final long serialVersionUID = 1L;

    private final MapFunction<T, RowData> toRow;

    ToRowReleasingLibraries(MapFunction<T, RowData> toRow) {
        this.toRow = toRow;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        JobClassLoaderRelease.whenReleasedBy(getRuntimeContext());
        FunctionUtils.setFunctionRuntimeContext(toRow, getRuntimeContext());
        FunctionUtils.openFunction(toRow, openContext);
    }

    @Override
    public RowData map(T value) throws Exception {
        return toRow.map(value);
    }

    @Override
    public void close() throws Exception {
        FunctionUtils.closeFunction(toRow);
    }
}
