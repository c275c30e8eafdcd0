package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Limits every clickstream record must meet beyond being well-formed: its size and a plausible event time.
 *
 * <p>Event times are judged against the record's own ingestion time (the Kafka timestamp), never the clock of
 * the machine, so a replay of the same records reaches the same verdicts.
 *
 * @param maxPayloadBytes largest accepted payload in bytes; a dataset row is about 150 bytes
 * @param futureTolerance how far an event time may lie after the record's ingestion time
 * @param oldestEventTime event times before this instant are rejected
 * @param format how a JSON source's fields map onto the event contract ({@link EventFormat#dataset()} by default)
 */
public record EventValidation(int maxPayloadBytes, Duration futureTolerance, Instant oldestEventTime,
        EventFormat format) implements Serializable {

    public EventValidation {
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        Objects.requireNonNull(oldestEventTime, "oldestEventTime");
        Objects.requireNonNull(format, "format");
        if (maxPayloadBytes < 1 || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("maxPayloadBytes must be >= 1 and futureTolerance >= 0");
        }
    }

    /** Limits for the dataset's own JSON format. */
    public EventValidation(int maxPayloadBytes, Duration futureTolerance, Instant oldestEventTime) {
        this(maxPayloadBytes, futureTolerance, oldestEventTime, EventFormat.dataset());
    }

    /** A copy reading JSON in {@code newFormat}. */
    public EventValidation withFormat(EventFormat newFormat) {
        return new EventValidation(maxPayloadBytes, futureTolerance, oldestEventTime, newFormat);
    }

    /** The defaults of {@link ClickstreamOptions}. */
    public static EventValidation defaults() {
        return new EventValidation(
                ClickstreamOptions.CLICKSTREAM_MAX_PAYLOAD_BYTES.defaultValue(),
                ClickstreamOptions.CLICKSTREAM_FUTURE_TOLERANCE.defaultValue(),
                Instant.parse(ClickstreamOptions.CLICKSTREAM_OLDEST_EVENT_TIME.defaultValue()));
    }
}
