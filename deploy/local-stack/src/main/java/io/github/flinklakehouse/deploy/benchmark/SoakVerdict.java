package io.github.flinklakehouse.deploy.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a soak stayed bounded: after warm-up (the first third of the samples) neither the TaskManager's heap
 * (its low point per interval) nor the checkpointed state may keep growing, and no event may be lost or doubled.
 * "Keeps growing": the last post-warm-up value exceeds the first by more than {@link #TOLERANCE} and at least three
 * quarters of the steps between them went up. Fewer than three post-warm-up samples decide nothing about growth.
 *
 * @param heapGrowing the heap kept growing
 * @param stateGrowing the state kept growing
 * @param producedEvents events produced
 * @param committedEvents events the job committed to the raw table
 * @param countedEvents events counted in {@code traffic_hourly}
 */
public record SoakVerdict(boolean heapGrowing, boolean stateGrowing, long producedEvents, long committedEvents,
        long countedEvents) {

    /** Growth below this share of the first post-warm-up value is noise. */
    static final double TOLERANCE = 0.25;

    static SoakVerdict of(List<SoakSample> samples, long produced, long committed, long counted) {
        List<SoakSample> settled = samples.subList(samples.size() / 3, samples.size());
        return new SoakVerdict(keepsGrowing(settled, SoakSample::heapLowBytes),
                keepsGrowing(settled, SoakSample::stateBytes), produced, committed, counted);
    }

    static boolean keepsGrowing(List<SoakSample> samples, ToLongFunction<SoakSample> figure) {
        List<Long> values = new ArrayList<>();
        for (SoakSample sample : samples) {
            long value = figure.applyAsLong(sample);
            if (value >= 0) {
                values.add(value);
            }
        }
        if (values.size() < 3) {
            return false;
        }
        long first = values.get(0);
        long last = values.get(values.size() - 1);
        int up = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) > values.get(i - 1)) {
                up++;
            }
        }
        return last > first * (1 + TOLERANCE) && up * 4 >= (values.size() - 1) * 3;
    }

    /** Every event was committed and counted exactly once. */
    public boolean exactlyOnce() {
        return committedEvents == producedEvents && countedEvents == producedEvents;
    }

    /** The soak passed: bounded and exactly once. */
    public boolean passed() {
        return !heapGrowing && !stateGrowing && exactlyOnce();
    }
}
