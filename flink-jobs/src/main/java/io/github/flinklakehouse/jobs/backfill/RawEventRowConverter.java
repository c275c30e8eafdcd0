package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventRows;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * Reads a {@code raw.clickstream_events} row back into the event and lineage it was written from (the inverse of
 * {@link ClickEventRows}, same column order), so a lake backfill feeds the marts exactly what the live job fed them.
 */
public final class RawEventRowConverter implements RowDataConverter<IngestedClickEvent> {

    private static final long serialVersionUID = 1L;
    private static final int TIMESTAMP_PRECISION = 6;

    @Override
    public IngestedClickEvent apply(RowData row) {
        String typeCode = row.getString(1).toString();
        ClickEvent event = new ClickEvent(
                row.getTimestamp(0, TIMESTAMP_PRECISION).toInstant(),
                EventType.fromCode(typeCode).orElseThrow(() -> new IllegalStateException(
                        "raw.clickstream_events holds an unknown event_type '" + typeCode + "'")),
                row.getLong(2),
                row.getLong(3),
                string(row, 4),
                string(row, 5),
                row.getDecimal(6, 12, 2).toBigDecimal(),
                row.getLong(7),
                row.getString(8).toString(),
                string(row, 9),
                string(row, 13),
                string(row, 14),
                string(row, 15),
                string(row, 16),
                row.getArity() > 17 && !row.isNullAt(17) ? row.getInt(17) : null,
                row.getArity() > 18 && !row.isNullAt(18) ? row.getDecimal(18, 18, 2).toBigDecimal() : null);
        return new IngestedClickEvent(event, row.getString(10).toString(), row.getString(11).toString(),
                row.getTimestamp(12, TIMESTAMP_PRECISION).toInstant());
    }

    @Override
    public TypeInformation<IngestedClickEvent> getProducedType() {
        return TypeInformation.of(IngestedClickEvent.class);
    }

    private static String string(RowData row, int position) {
        if (row.isNullAt(position)) {
            return null;
        }
        StringData value = row.getString(position);
        return value.toString();
    }
}
