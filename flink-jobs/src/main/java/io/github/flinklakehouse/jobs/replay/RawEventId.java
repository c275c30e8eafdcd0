package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.clickstream.DeduplicateEventIds;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * The event id of a {@code raw.clickstream_events} row, as the {@link DeduplicateEventIds#KEY} it is keyed by, and
 * the row's event time.
 */
public record RawEventId(String key, long eventTimeMillis) {

    /** The key of a row without id: no replayed event has it. */
    static final String NO_ID = "";

    /** Reads rows projected to {@code (event_time, event_id)} whose {@code event_id} is not null. */
    static final class Converter implements RowDataConverter<RawEventId> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawEventId apply(RowData row) {
            if (row.isNullAt(1)) { // the scan filter prunes files, not necessarily every row
                return new RawEventId(NO_ID, 0L);
            }
            return new RawEventId(DeduplicateEventIds.idKey(row.getString(1).toString()), row.getTimestamp(0, 6).getMillisecond());
        }

        @Override
        public TypeInformation<RawEventId> getProducedType() {
            return TypeInformation.of(RawEventId.class);
        }
    }
}
