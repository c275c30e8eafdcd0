package io.github.flinklakehouse.jobs.clickstream;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Converts an ingested click event into a row of {@code raw.clickstream_events} (column order of {@code RawTables}). */
public final class ClickEventRows implements MapFunction<IngestedClickEvent, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(IngestedClickEvent ingested) {
        ClickEvent event = ingested.event();
        return GenericRowData.of(
                TimestampData.fromInstant(event.eventTime()),
                StringData.fromString(event.eventType().code()),
                event.productId(),
                event.categoryId(),
                StringData.fromString(event.categoryCode()),
                StringData.fromString(event.brand()),
                DecimalData.fromBigDecimal(event.price(), 12, 2),
                event.userId(),
                StringData.fromString(event.userSession()),
                StringData.fromString(event.eventId()),
                StringData.fromString(ingested.source()),
                StringData.fromString(ingested.sourcePosition()),
                TimestampData.fromInstant(ingested.ingestedAt()),
                StringData.fromString(event.device()),
                StringData.fromString(event.country()),
                StringData.fromString(event.region()),
                StringData.fromString(event.searchQuery()));
    }
}
