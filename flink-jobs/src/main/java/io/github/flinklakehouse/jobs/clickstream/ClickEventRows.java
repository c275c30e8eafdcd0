package io.github.flinklakehouse.jobs.clickstream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Converts an ingested click event into a row of {@code raw.clickstream_events} (column order of {@code RawTables}).
 * Strings become UTF-8 bytes once, here, with the JDK's fast encoder, rather than char by char in the Parquet writer.
 */
public final class ClickEventRows implements MapFunction<IngestedClickEvent, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(IngestedClickEvent ingested) {
        ClickEvent event = ingested.event();
        return GenericRowData.of(
                TimestampData.fromInstant(event.eventTime()),
                text(event.eventType().code()),
                event.productId(),
                event.categoryId(),
                text(event.categoryCode()),
                text(event.brand()),
                DecimalData.fromBigDecimal(event.price(), 12, 2),
                event.userId(),
                text(event.userSession()),
                text(event.eventId()),
                text(ingested.source()),
                text(ingested.sourcePosition()),
                TimestampData.fromInstant(ingested.ingestedAt()),
                text(event.device()),
                text(event.country()),
                text(event.region()),
                text(event.searchQuery()),
                event.quantity(),
                event.revenue() == null ? null : DecimalData.fromBigDecimal(event.revenue(), 18, 2));
    }

    private static StringData text(String value) {
        return value == null ? null : StringData.fromBytes(value.getBytes(StandardCharsets.UTF_8));
    }
}
