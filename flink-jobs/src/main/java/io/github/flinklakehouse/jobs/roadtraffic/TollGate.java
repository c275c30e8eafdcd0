package io.github.flinklakehouse.jobs.roadtraffic;

import java.io.Serializable;

/**
 * One toll gate of the dimension the user provides: where it is and which KMA grid cell's weather applies to it.
 *
 * @param unitCode the KEC toll-gate code ({@code unitCode}, trimmed)
 * @param name display name
 * @param region the region the marts group by
 * @param latitude WGS84 latitude
 * @param longitude WGS84 longitude
 * @param nx KMA 5 km grid column of the gate
 * @param ny KMA 5 km grid row of the gate
 */
public record TollGate(String unitCode, String name, String region, double latitude, double longitude, int nx, int ny)
        implements Serializable {

    /** The region of a toll gate that is not in the dimension. */
    public static final String UNKNOWN_REGION = "unknown";
}
