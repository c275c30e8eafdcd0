package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses raw Kafka records (JSON) into click events; every record that fails becomes a dead letter.
 *
 * <p>A dead letter keeps the raw bytes and the record's {@code topic/partition/offset}; its
 * {@code seen_at} is the Kafka timestamp, so a replay writes the same dead letter again. The Kafka
 * timestamp is also the reference of the event-time checks ({@code FUTURE_TIMESTAMP}).
 */
public final class ParseClickEvents extends ProcessFunction<RawRecord, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of records that could not be parsed. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("clickstream-dead-letters") { };

    /** Metric counting records turned into dead letters (per reason: see {@link RejectMetrics}). */
    public static final String METRIC_DEAD_LETTERED = RejectMetrics.DEAD_LETTERED;
    /** Metric counting records parsed into events. */
    public static final String METRIC_PARSED = "eventsParsed";

    private final ClickEventParser parser;

    private transient RejectMetrics rejected;
    private transient Counter parsed;
    private transient LongCounter rowsRead;

    /** A parse step with the default {@link EventValidation}. */
    public ParseClickEvents() {
        this(EventValidation.defaults());
    }

    public ParseClickEvents(EventValidation validation) {
        this.parser = new ClickEventParser(Objects.requireNonNull(validation, "validation"));
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = RejectMetrics.register(getRuntimeContext().getMetricGroup());
        parsed = getRuntimeContext().getMetricGroup().counter(METRIC_PARSED);
        rowsRead = getRuntimeContext().getLongCounter(ProgressCounters.ROWS_READ);
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<IngestedClickEvent> out) {
        rowsRead.add(1L);
        Instant receivedAt = Instant.ofEpochMilli(record.timestamp());
        ParseResult result = parser.parseJson(record.payload(), receivedAt);
        if (result instanceof ParseResult.Valid valid) {
            parsed.inc();
            out.collect(new IngestedClickEvent(valid.event(), RawRecord.SOURCE_KAFKA, record.sourcePosition(), receivedAt));
        } else if (result instanceof ParseResult.Invalid invalid) {
            rejected.count(invalid.reason());
            context.output(DEAD_LETTERS, new DeadLetter(invalid.reason().name(), invalid.message(), record.payload(),
                    RawRecord.SOURCE_KAFKA, record.sourcePosition(), receivedAt));
        }
    }
}
