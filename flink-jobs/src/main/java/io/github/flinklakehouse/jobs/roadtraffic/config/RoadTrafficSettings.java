package io.github.flinklakehouse.jobs.roadtraffic.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The road-traffic pipeline's own settings (validated by {@link RoadTrafficOptions}). Holds the names of the
 * environment variables with the API keys, never the keys.
 *
 * @param kec the toll-gate traffic API
 * @param kma the weather forecast API (null when weather is off)
 * @param start start of the first polled slot, or null: the current slot when the job is first built
 * @param end exclusive end of polling (a bounded run, e.g. a backfill), or null for a live run
 * @param requestsPerSecond token bucket per endpoint and reader
 * @param tollgatesFile the toll-gate dimension CSV, or null for the bundled example
 * @param maxOutOfOrderness watermark lag behind the latest slot seen
 * @param idleness a source subtask without records for this long stops holding back the watermark
 * @param allowedLateness how late a count may arrive and still count in the marts
 * @param topGatesN toll gates per day in tollgate_top_daily
 */
public record RoadTrafficSettings(ApiSettings kec, ApiSettings kma, Instant start, Instant end,
        int requestsPerSecond, String tollgatesFile, Duration maxOutOfOrderness, Duration idleness,
        Duration allowedLateness, int topGatesN) implements Serializable {

    /** Whether the job polls the weather too. */
    public boolean weather() {
        return kma != null;
    }

    /**
     * One polled API.
     *
     * @param baseUrl scheme, host and base path
     * @param keyVariable the environment variable holding the key (read on the task managers only)
     * @param publishDelay how long after a slot (KEC) or a base time (KMA) its data is published
     * @param rowsPerPage {@code numOfRows} of each request
     */
    public record ApiSettings(String baseUrl, String keyVariable, Duration publishDelay, int rowsPerPage)
            implements Serializable {

        @Override
        public String toString() {
            return "ApiSettings[baseUrl=" + baseUrl + ", key from $" + keyVariable + ", publishDelay=" + publishDelay
                    + ", rowsPerPage=" + rowsPerPage + "]";
        }
    }
}
