package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.clickstream.ClickstreamInput;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;

/**
 * The events of {@code raw.clickstream_events} in an event-time range, read in one bounded scan (data files pruned
 * by the table's day partitions). They were validated when they were ingested, so there is no parse step.
 */
public final class LakeEventsInput implements ClickstreamInput {

    public static final String SOURCE_UID = "clickstream.lake-source.v1";
    public static final String COUNT_UID = "clickstream.lake-rows.v1";

    private final TableLoader rawEvents;
    private final EventTimeRange range;

    public LakeEventsInput(TableLoader rawEvents, EventTimeRange range) {
        this.rawEvents = Objects.requireNonNull(rawEvents, "rawEvents");
        this.range = Objects.requireNonNull(range, "range");
    }

    @Override
    public ParsedInput addTo(StreamExecutionEnvironment env, EventValidation validation) {
        IcebergSource<IngestedClickEvent> source = IcebergSource.forOutputType(new RawEventRowConverter())
                .tableLoader(rawEvents)
                .streaming(false)
                .filters(scanFilters(range))
                .build();
        DataStream<IngestedClickEvent> events = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "Lake events " + range,
                        TypeInformation.of(IngestedClickEvent.class))
                .uid(SOURCE_UID)
                .map(new CountRecords<IngestedClickEvent>(row -> ProgressCounters.ROWS_READ),
                        TypeInformation.of(IngestedClickEvent.class))
                .uid(COUNT_UID)
                .name("Count lake rows");
        return new ParsedInput(events, List.of());
    }

    /** Iceberg filters of {@code range} on {@code event_time}; the job's range filter checks every row again. */
    static List<Expression> scanFilters(EventTimeRange range) {
        List<Expression> filters = new ArrayList<>();
        if (range.from() != null) {
            filters.add(Expressions.greaterThanOrEqual("event_time", micros(range.from())));
        }
        if (range.until() != null) {
            filters.add(Expressions.lessThan("event_time", micros(range.until())));
        }
        return filters;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
