package io.github.flinklakehouse.jobs.roadtraffic;

/**
 * One row of {@code raw.tollgate_traffic}: the vehicles of one vehicle class through one toll gate, direction and lane
 * type in one time slot, as the KEC {@code trafficIc} API delivered it (codes trimmed, the amount as a number).
 *
 * <p>A Java record of primitives and strings, so Flink's POJO serializer carries it (no Kryo).
 *
 * @param slotStart start of the time slot, epoch millis (the API's {@code sumDate}/{@code sumTm} in KST, as UTC)
 * @param tmType slot length code: {@code 1} one hour, {@code 2} 15 minutes
 * @param unitCode toll-gate code, trailing spaces removed
 * @param unitName toll-gate name as delivered (may be null)
 * @param exDivCode operator code as delivered (may be null)
 * @param exDivName operator name as delivered (may be null)
 * @param inoutType {@code 0} entry, {@code 1} exit
 * @param inoutName direction name as delivered (may be null)
 * @param tcsType lane type: {@code 1} TCS (cash/card), {@code 2} hi-pass
 * @param tcsName lane type name as delivered (may be null)
 * @param carType vehicle class {@code 1}..{@code 6}
 * @param trafficAmount vehicles, or null when the API sent an empty amount (no count reported)
 * @param source {@code http}
 * @param sourcePosition {@code <endpoint>@<window start ms>/page <n>/item <i>}
 * @param ingestedAt end of the polled window, epoch millis (a re-poll writes an identical row)
 */
public record TollgateTraffic(
        long slotStart,
        String tmType,
        String unitCode,
        String unitName,
        String exDivCode,
        String exDivName,
        String inoutType,
        String inoutName,
        String tcsType,
        String tcsName,
        String carType,
        Long trafficAmount,
        String source,
        String sourcePosition,
        long ingestedAt) {

    /** Length of the slot in millis: one hour for {@code tmType 1}, 15 minutes otherwise. */
    public long slotMillis() {
        return "1".equals(tmType) ? 3_600_000L : 900_000L;
    }
}
