package io.github.flinklakehouse.jobs.roadtraffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns a count that arrived after the allowed lateness into a {@code LATE} dead letter: it is in
 * {@code raw.tollgate_traffic} but not in the marts, and recorded, never silently dropped. The payload is the row as
 * JSON (the polled item is gone after parsing); source and position point at the polled item.
 */
public final class LateCountDeadLetters implements MapFunction<TollgateTraffic, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** The reason code. */
    public static final String LATE = "LATE";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public DeadLetter map(TollgateTraffic late) throws JsonProcessingException {
        return new DeadLetter(LATE, "count of the slot at " + Instant.ofEpochMilli(late.slotStart())
                + " arrived after the watermark passed slot start + road-traffic.allowed-lateness; not counted in "
                + "the marts", MAPPER.writeValueAsBytes(late), late.source(), late.sourcePosition(),
                Instant.ofEpochMilli(late.ingestedAt()));
    }
}
