package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;

/** A small event type of the engine tests: a visitor's visit of a page, with an amount spent. */
public class Visit {

    public long time;
    public String page;
    public String visitor;
    public long amount;

    public Visit() {
    }

    static Visit of(String time, String page, String visitor, long amount) {
        Visit visit = new Visit();
        visit.time = Instant.parse(time).toEpochMilli();
        visit.page = page;
        visit.visitor = visitor;
        visit.amount = amount;
        return visit;
    }

    /** Distinct visitors. */
    static final Dimension<Visit, String> VISITOR = Dimension.of("visitor", Types.STRING, v -> v.visitor);

    /** Visits per UTC hour: count, amount, smallest and largest amount, first visitor, visits per quarter hour. */
    static final class Hourly {
        final Aggregation<Visit, Long> aggregation;
        final Measure visits;
        final Measure spent;
        final Measure smallest;
        final Measure largest;
        final EventMeasure.ArgMin<Visit> firstAmount;
        final EventMeasure.Histogram<Visit> perQuarter;
        final DistinctCount visitors;

        Hourly() {
            Aggregation.Builder<Visit, Long> hourly = Aggregation.builder("visits-hourly", Types.LONG,
                    (visit, keys) -> keys.accept(UtcPeriod.HOUR.startOf(visit.time)),
                    hour -> hour + UtcPeriod.HOUR_MILLIS);
            visits = hourly.count("visits");
            spent = hourly.sum("spent", v -> v.amount);
            smallest = hourly.min("smallest", v -> v.amount);
            largest = hourly.max("largest", v -> v.amount);
            firstAmount = hourly.argMin("first_amount", v -> v.time, v -> v.amount);
            perQuarter = hourly.histogram("per_quarter", 4, v -> (int) (v.time % UtcPeriod.HOUR_MILLIS / 900_000));
            visitors = hourly.distinct("visitors", VISITOR);
            aggregation = hourly.build();
        }
    }

    /** A page on a UTC day. */
    public record PageDay(String page, long dayStart) {
    }

    /** Per page and day: visitors who viewed (flag 1), who spent (flag 2), and who did both. */
    static final class PageFunnel {
        static final int VIEWED = 1;
        static final int SPENT = 2;
        final Aggregation<Visit, PageDay> aggregation;
        final DistinctCount viewed;
        final DistinctCount spent;
        final DistinctCount both;

        PageFunnel() {
            Aggregation.Builder<Visit, PageDay> funnel = Aggregation.builder("page-funnel",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(PageDay.class),
                    (visit, keys) -> keys.accept(new PageDay(visit.page, UtcPeriod.DAY.startOf(visit.time))),
                    key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
            DistinctOver<Visit, String> byVisitor = funnel.distinctOver(VISITOR, v -> v.amount > 0 ? SPENT : VIEWED);
            viewed = byVisitor.count("viewed", VIEWED);
            spent = byVisitor.count("spent", SPENT);
            both = byVisitor.count("both", VIEWED | SPENT);
            aggregation = funnel.build();
        }
    }
}
