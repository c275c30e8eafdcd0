package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.ZoneOffset;

/**
 * Running counters of one UTC day: the counters of an hour plus the events of each hour of the day, from
 * which the peak hour follows (a Flink POJO, so no Kryo).
 */
public class DayTotals extends HourTotals {

    public long[] eventsPerHour = new long[24];

    public DayTotals() {
    }

    @Override
    void add(ClickEvent event) {
        super.add(event);
        eventsPerHour[event.eventTime().atZone(ZoneOffset.UTC).getHour()]++;
    }

    /** The hour of day with the most events; ties go to the earliest hour. */
    int peakHour() {
        int peak = 0;
        for (int hour = 1; hour < eventsPerHour.length; hour++) {
            if (eventsPerHour[hour] > eventsPerHour[peak]) {
                peak = hour;
            }
        }
        return peak;
    }
}
