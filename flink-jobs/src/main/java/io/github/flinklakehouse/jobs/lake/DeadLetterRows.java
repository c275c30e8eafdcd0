package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/** Converts a dead letter into a row of {@code raw.rejected_events} (column order of {@code RawTables}). */
public final class DeadLetterRows implements MapFunction<DeadLetter, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(DeadLetter letter) {
        return GenericRowData.of(
                TimestampData.fromInstant(letter.seenAt()),
                StringData.fromString(letter.reason()),
                StringData.fromString(letter.message()),
                StringData.fromString(letter.source()),
                StringData.fromString(letter.sourcePosition()),
                letter.payload());
    }
}
