package io.github.flinklakehouse.jobs.clickstream;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A valid click event together with its lineage: which source delivered it, where, and when.
 *
 * @param event the parsed event
 * @param source source name, e.g. {@code kafka} or {@code file}
 * @param sourcePosition position inside the source, e.g. {@code topic/partition/offset}
 * @param ingestedAt when the source received it (the Kafka record timestamp), so replays write identical rows
 */
@TypeInfo(IngestedClickEventSerializer.Factory.class)
public record IngestedClickEvent(ClickEvent event, String source, String sourcePosition, Instant ingestedAt) {
}
