package io.github.flinklakehouse.jobs.replay;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/** Reads the position key of a {@code raw.clickstream_events} row projected to {@code (source, source_position)}. */
final class RawPositionConverter implements RowDataConverter<String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String apply(RowData row) {
        return ReplayCandidate.positionKey(row.getString(0).toString(), row.getString(1).toString());
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
