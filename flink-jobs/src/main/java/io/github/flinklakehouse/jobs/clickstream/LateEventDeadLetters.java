package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns a late event into a {@code LATE} dead letter so it is recorded, never silently dropped.
 *
 * <p>The original bytes are no longer at hand after parsing, so the payload is the event re-encoded as
 * dataset JSON; source and position still point at the original record.
 */
public final class LateEventDeadLetters implements MapFunction<IngestedClickEvent, DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    public DeadLetter map(IngestedClickEvent late) {
        return new DeadLetter(RejectReason.LATE.name(),
                "Event at " + late.event().eventTime()
                        + " arrived after the watermark passed event time + clickstream.allowed-lateness; not counted in the marts",
                JsonEventEncoder.encode(late.event()), late.source(), late.sourcePosition(), late.ingestedAt());
    }
}
