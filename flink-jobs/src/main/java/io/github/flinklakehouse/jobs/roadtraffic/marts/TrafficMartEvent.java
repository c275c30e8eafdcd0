package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * What the road-traffic marts need of one counted toll-gate count, projected once: its slot, its gate and the
 * gate's region from the dimension, its codes and its amount.
 *
 * @param slotStart start of the slot, epoch millis UTC (the event time)
 * @param unitCode toll-gate code
 * @param region the gate's region, or {@code unknown} when the dimension does not list the gate
 * @param inoutType {@code 0} entry, {@code 1} exit
 * @param tcsType {@code 1} TCS, {@code 2} hi-pass
 * @param carType vehicle class {@code 1}..{@code 6}
 * @param amount vehicles times {@code weight} (0 when unreported)
 * @param reported false when the API sent an empty amount
 * @param weight {@code 1} for a counted measurement, {@code -1} for one a later copy replaced (a retraction)
 */
public record TrafficMartEvent(long slotStart, String unitCode, String region, String inoutType, String tcsType,
        String carType, long amount, boolean reported, int weight) {

    /** {@code weight} for a measurement without amount, else 0: summed, the unreported measurements. */
    public long unreported() {
        return reported ? 0 : weight;
    }
}
