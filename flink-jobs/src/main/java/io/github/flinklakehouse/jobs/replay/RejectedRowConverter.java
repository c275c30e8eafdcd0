package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.catalog.RawTables;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/** Reads a {@code raw.rejected_events} row (full schema, {@link RawTables#REJECTED_EVENTS_SCHEMA} order). */
final class RejectedRowConverter implements RowDataConverter<ReplayCandidate> {

    private static final long serialVersionUID = 1L;
    private static final int MICROS = 6;

    @Override
    public ReplayCandidate apply(RowData row) {
        return new ReplayCandidate(row.getString(3).toString(), row.getString(4).toString(), row.getBinary(5),
                row.getTimestamp(0, MICROS).toInstant(), row.getString(1).toString());
    }

    @Override
    public TypeInformation<ReplayCandidate> getProducedType() {
        return TypeInformation.of(ReplayCandidate.class);
    }
}
