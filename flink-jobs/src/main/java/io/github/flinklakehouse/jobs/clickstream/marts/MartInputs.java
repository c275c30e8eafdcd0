package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.config.ClickstreamSettings;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.iceberg.flink.TableLoader;

/**
 * What every mart is built from.
 *
 * @param onTimeEvents deduplicated events the marts count (event-time timestamps and watermarks assigned)
 * @param lateEvents deduplicated events that arrived after the allowed lateness; the marts never count them
 *     (the stream carries the same watermarks)
 * @param settings event-time and mart settings
 * @param rawEventsTable the Iceberg table of raw events, so {@code pipeline_freshness} can report its current
 *     snapshot; {@code null} when the raw events do not go to Iceberg (tests)
 */
public record MartInputs(
        DataStream<IngestedClickEvent> onTimeEvents,
        DataStream<IngestedClickEvent> lateEvents,
        ClickstreamSettings settings,
        TableLoader rawEventsTable) {

    /** Inputs without a raw events table. */
    public MartInputs(
            DataStream<IngestedClickEvent> onTimeEvents,
            DataStream<IngestedClickEvent> lateEvents,
            ClickstreamSettings settings) {
        this(onTimeEvents, lateEvents, settings, null);
    }
}
