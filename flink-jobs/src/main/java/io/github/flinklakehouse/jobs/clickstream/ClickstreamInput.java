package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the clickstream job's events come from: a source plus the step that turns its records into validated
 * events (Kafka JSON in production; CSV files, the lake or a bounded Kafka range in backfills).
 *
 * <p>Whatever the input, everything after it (watermarks, dedupe, raw and rejected sinks, every mart) is the same
 * graph. The live input's source and parse step keep the uids {@link ClickstreamJob#SOURCE_UID} and
 * {@link ClickstreamJob#PARSE_UID} (savepoints); a bounded input names its own ({@code clickstream.<input>.v1}).
 */
@FunctionalInterface
public interface ClickstreamInput {

    /** Adds the source and its parse step to {@code env}. */
    ParsedInput addTo(StreamExecutionEnvironment env, EventValidation validation);

    /**
     * Whether an event of this input can have an {@code event_id} (and so be a producer retry). An input whose
     * format has no such field (the dataset's CSV) skips the dedupe branch, so its raw sink chains to the source:
     * no event is serialized or shuffled on its way into the lake.
     */
    default boolean carriesEventIds() {
        return true;
    }

    /**
     * What an input delivers.
     *
     * @param events valid events with their lineage
     * @param deadLetters records that failed parsing or validation (none for already validated inputs)
     */
    record ParsedInput(DataStream<IngestedClickEvent> events, List<DataStream<DeadLetter>> deadLetters) {

        public ParsedInput {
            deadLetters = List.copyOf(deadLetters);
        }
    }

    /** JSON events in Kafka records (the live pipeline, and bounded Kafka backfills). */
    static ClickstreamInput kafkaRecords(Source<RawRecord, ?, ?> source) {
        return new KafkaRecordsInput(source);
    }
}
