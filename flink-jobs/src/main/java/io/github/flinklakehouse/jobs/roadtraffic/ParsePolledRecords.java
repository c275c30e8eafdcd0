package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses polled items with one of the road-traffic parsers: rows go on, dead letters to {@link #DEAD_LETTERS}, each
 * counted ({@value #DEAD_LETTERED} in total and per reason in the group {@code reason=<CODE>}).
 *
 * @param <T> the row type
 */
public final class ParsePolledRecords<T> extends ProcessFunction<HttpRecord, T> {

    private static final long serialVersionUID = 1L;

    /** Metric counting every dead-lettered item. */
    public static final String DEAD_LETTERED = "deadLettered";

    /** Side output of the items that are no valid row. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("road-traffic-parse-dead-letters", TypeInformation.of(DeadLetter.class));

    /** One of the parsers ({@link TollgateTrafficParser#parse}, {@link WeatherForecastParser#parse}). */
    @FunctionalInterface
    public interface Parser<T> extends Serializable {
        Parsed<T> parse(HttpRecord record);
    }

    private final Parser<T> parser;

    private transient Counter total;
    private transient Map<RoadTrafficRejectReason, Counter> byReason;

    public ParsePolledRecords(Parser<T> parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        total = group.counter(DEAD_LETTERED);
        byReason = new EnumMap<>(RoadTrafficRejectReason.class);
        for (RoadTrafficRejectReason reason : RoadTrafficRejectReason.values()) {
            byReason.put(reason, group.addGroup("reason", reason.name()).counter(DEAD_LETTERED));
        }
    }

    @Override
    public void processElement(HttpRecord record, Context context, Collector<T> out) {
        Parsed<T> parsed = parser.parse(record);
        if (parsed.isValid()) {
            out.collect(parsed.value());
            return;
        }
        total.inc();
        byReason.get(RoadTrafficRejectReason.valueOf(parsed.deadLetter().reason())).inc();
        context.output(DEAD_LETTERS, parsed.deadLetter());
    }
}
