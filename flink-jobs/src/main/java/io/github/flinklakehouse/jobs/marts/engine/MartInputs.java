package io.github.flinklakehouse.jobs.marts.engine;

import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.iceberg.flink.TableLoader;

/**
 * What a pipeline hands its marts.
 *
 * @param events the events the marts count, already projected to the marts' compact event type, with event-time
 *     timestamps and watermarks, and already past the one lateness decision every mart shares; one stream per
 *     branch of the pipeline, so each branch's pre-aggregation chains to it (no shuffle before it)
 * @param lateEventTimes event times (epoch millis) of the events that arrived after the allowed lateness: never
 *     counted, but reported by {@code pipeline_freshness}; the stream carries the same watermarks
 * @param settings lateness and flush settings
 * @param rawEventsTable the Iceberg table of raw events whose current snapshot {@code pipeline_freshness} reports,
 *     or {@code null}
 * @param <P> the marts' event type
 */
public record MartInputs<P>(
        List<DataStream<P>> events, DataStream<Long> lateEventTimes, MartEngineSettings settings,
        TableLoader rawEventsTable) {

    public MartInputs {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("The marts need at least one stream of events");
        }
        Objects.requireNonNull(lateEventTimes, "lateEventTimes");
        Objects.requireNonNull(settings, "settings");
    }

    /** Inputs of one stream of events. */
    public MartInputs(DataStream<P> events, DataStream<Long> lateEventTimes, MartEngineSettings settings,
            TableLoader rawEventsTable) {
        this(List.of(events), lateEventTimes, settings, rawEventsTable);
    }
}
