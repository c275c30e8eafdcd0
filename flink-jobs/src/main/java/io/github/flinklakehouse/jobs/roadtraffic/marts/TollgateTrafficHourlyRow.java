package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.tollgate_traffic_hourly}.
 *
 * @param hourStart the UTC hour
 * @param unitCode toll-gate code
 * @param region the gate's region ({@code unknown} when not in the dimension)
 * @param inoutType direction code
 * @param carType vehicle class
 * @param tcsType lane type
 * @param volume vehicles of the hour
 * @param counts counts (slots) received for the key
 * @param unreportedCounts counts among them with an empty amount
 */
public record TollgateTrafficHourlyRow(Instant hourStart, String unitCode, String region, String inoutType,
        String carType, String tcsType, long volume, long counts, long unreportedCounts) {

    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}
