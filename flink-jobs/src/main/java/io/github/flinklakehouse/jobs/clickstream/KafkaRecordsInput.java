package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** JSON events in Kafka records, parsed by {@link ParseClickEvents}; the live pipeline's input. */
final class KafkaRecordsInput implements ClickstreamInput {

    private final Source<RawRecord, ?, ?> source;

    KafkaRecordsInput(Source<RawRecord, ?, ?> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public ParsedInput addTo(StreamExecutionEnvironment env, EventValidation validation) {
        SingleOutputStreamOperator<IngestedClickEvent> parsed = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), ClickstreamJob.SOURCE_NAME,
                        TypeInformation.of(RawRecord.class))
                .uid(ClickstreamJob.SOURCE_UID)
                .process(new ParseClickEvents(validation), TypeInformation.of(IngestedClickEvent.class))
                .uid(ClickstreamJob.PARSE_UID)
                .name(ClickstreamJob.PARSE_NAME);
        return new ParsedInput(parsed, List.of(parsed.getSideOutput(ParseClickEvents.DEAD_LETTERS)));
    }
}
