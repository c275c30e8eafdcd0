package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/** Keeps the events of a backfill's event-time range and counts the others ({@link ProgressCounters#OUTSIDE_RANGE}). */
public final class InEventTimeRange extends RichFilterFunction<IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    private final EventTimeRange range;
    private transient LongCounter outside;

    public InEventTimeRange(EventTimeRange range) {
        this.range = Objects.requireNonNull(range, "range");
    }

    @Override
    public void open(OpenContext openContext) {
        outside = getRuntimeContext().getLongCounter(ProgressCounters.OUTSIDE_RANGE);
    }

    @Override
    public boolean filter(IngestedClickEvent event) {
        if (range.contains(event.event().eventTime())) {
            return true;
        }
        outside.add(1L);
        return false;
    }
}
