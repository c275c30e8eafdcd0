package io.github.flinklakehouse.jobs.roadtraffic;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Converts a {@link TollgateTraffic} into a row of {@code raw.tollgate_traffic} (column order of RawTables). */
public final class TollgateTrafficRows implements MapFunction<TollgateTraffic, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(TollgateTraffic t) {
        return GenericRowData.of(
                TimestampData.fromEpochMillis(t.slotStart()),
                text(t.tmType()), text(t.unitCode()), text(t.unitName()), text(t.exDivCode()), text(t.exDivName()),
                text(t.inoutType()), text(t.inoutName()), text(t.tcsType()), text(t.tcsName()), text(t.carType()),
                t.trafficAmount(),
                text(t.source()), text(t.sourcePosition()),
                TimestampData.fromEpochMillis(t.ingestedAt()));
    }

    static StringData text(String value) {
        return value == null ? null : StringData.fromString(value);
    }
}
