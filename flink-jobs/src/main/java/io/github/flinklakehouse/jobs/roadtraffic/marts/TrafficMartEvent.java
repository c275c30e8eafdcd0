package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * What the road-traffic marts need of one counted toll-gate count, or of one forecast value, projected once.
 *
 * <p>A count: its slot, its gate and the gate's region from the dimension, its codes and its amount
 * ({@code forecastCategory} null). A forecast value ({@link #forecast}): the forecast hour in {@code slotStart}, one
 * region whose gates lie in the forecast's grid cell, the KMA category, the base time and the value in hundredths
 * (a cell serving gates of two regions gives one event per region); its codes are null and it weighs 0, so the
 * count marts ignore it ({@link #isCount}).
 *
 * @param slotStart start of the slot, epoch millis UTC (the event time); for a forecast the forecast time
 * @param unitCode toll-gate code (null for a forecast)
 * @param region the gate's region, or {@code unknown} when the dimension does not list the gate
 * @param inoutType {@code 0} entry, {@code 1} exit
 * @param tcsType {@code 1} TCS, {@code 2} hi-pass
 * @param carType vehicle class {@code 1}..{@code 6}
 * @param amount vehicles times {@code weight} (0 when unreported)
 * @param reported false when the API sent an empty amount
 * @param weight {@code 1} for a counted measurement, {@code -1} for one a later copy replaced (a retraction), {@code 0}
 *     for a forecast
 * @param forecastCategory KMA category ({@code T1H}, {@code RN1}, {@code PTY}, {@code SKY}) of a forecast, else null
 * @param forecastBase base time of a forecast, epoch millis UTC (0 for a count)
 * @param forecastHundredths a forecast's numeric value times 100, rounded half up (0 for a count)
 */
public record TrafficMartEvent(long slotStart, String unitCode, String region, String inoutType, String tcsType,
        String carType, long amount, boolean reported, int weight, String forecastCategory, long forecastBase,
        long forecastHundredths) {

    /** A counted (weight 1) or retracted (weight -1) toll-gate measurement. */
    public TrafficMartEvent(long slotStart, String unitCode, String region, String inoutType, String tcsType,
            String carType, long amount, boolean reported, int weight) {
        this(slotStart, unitCode, region, inoutType, tcsType, carType, amount, reported, weight, null, 0L, 0L);
    }

    /** One forecast value of {@code region}'s grid cells for the hour starting at {@code forecastTime}. */
    public static TrafficMartEvent forecast(long forecastTime, String region, String category, long baseTime,
            long hundredths) {
        return new TrafficMartEvent(forecastTime, null, region, null, null, null, 0L, false, 0, category, baseTime,
                hundredths);
    }

    /** Whether this is a toll-gate measurement (else a forecast value). */
    public boolean isCount() {
        return forecastCategory == null;
    }

    /** {@code weight} for a measurement without amount, else 0: summed, the unreported measurements. */
    public long unreported() {
        return reported || !isCount() ? 0 : weight;
    }

    /**
     * The event time {@code pipeline_freshness} follows: a count's slot; a forecast's hour lies ahead of the counts
     * and never advances it ({@link Long#MIN_VALUE}).
     */
    public long countedTime() {
        return isCount() ? slotStart : Long.MIN_VALUE;
    }
}
