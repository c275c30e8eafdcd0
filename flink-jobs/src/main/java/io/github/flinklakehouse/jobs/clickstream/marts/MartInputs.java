package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.config.ClickstreamSettings;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What every mart is built from.
 *
 * @param onTimeEvents deduplicated events the marts count (event-time timestamps and watermarks assigned)
 * @param lateEvents deduplicated events that arrived after the allowed lateness; the marts never count them
 * @param settings event-time and mart settings
 */
public record MartInputs(
        DataStream<IngestedClickEvent> onTimeEvents,
        DataStream<IngestedClickEvent> lateEvents,
        ClickstreamSettings settings) {
}
