package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.http.HttpSource;
import io.github.flinklakehouse.connectors.http.HttpSourceBuilder;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.HttpSecret;
import io.github.flinklakehouse.connectors.http.request.Paging;
import io.github.flinklakehouse.connectors.http.response.KecRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KecResponseChecker;
import io.github.flinklakehouse.connectors.http.response.KmaRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KmaResponseChecker;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The two HTTP polling sources of the road-traffic pipeline, from its settings. Keys are {@link HttpSecret}s read
 * from the environment on the task managers: only the variable's name travels with the job graph, and the source
 * redacts the key from every URL, log line and dead letter.
 */
public final class RoadTrafficSources {

    /** The KEC toll-gate traffic endpoint's path. */
    public static final String TRAFFIC_IC_PATH = "/openapi/trafficapi/trafficIc";
    /** The KMA ultra-short forecast operation's path (below the service's base URL). */
    public static final String ULTRA_SRT_FCST_PATH = "/getUltraSrtFcst";
    /** The endpoint id of the KEC polls (part of every source position). */
    public static final String TRAFFIC_ENDPOINT = "kec-traffic-ic";

    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final Duration HOUR = Duration.ofHours(1);
    /** Ultra-short forecasts are issued at HH:30 KST, which is HH:30 UTC too (KST is UTC+9). */
    private static final Duration BASE_TIME_OFFSET = Duration.ofMinutes(30);

    private RoadTrafficSources() {
    }

    /**
     * 15-minute counts ({@code tmType 2}) of every toll gate, one window per slot from {@code start} (to {@code end}
     * when bounded). {@code sumDate}/{@code sumTm} name the slot: the live API answers its latest counts whatever they
     * say, the emulator and a history-serving API answer that slot.
     */
    public static HttpSource traffic(RoadTrafficSettings settings, Instant start, Instant end) {
        RoadTrafficSettings.ApiSettings kec = settings.kec();
        HttpEndpoint endpoint = HttpEndpoint.builder(TRAFFIC_ENDPOINT)
                .baseUrl(kec.baseUrl())
                .path(TRAFFIC_IC_PATH)
                .query("key", "{secret:kec}")
                .query("type", "json")
                .query("tmType", "2")
                .query("numOfRows", Integer.toString(kec.rowsPerPage()))
                .query("pageNo", "{page}")
                .query("sumDate", "{from:yyyyMMdd}")
                .query("sumTm", "{from:HHmm}")
                .zone(KST)
                .secret("kec", HttpSecret.fromEnv(kec.keyVariable()))
                .paging(Paging.PAGE_NUMBER)
                .checker(new KecResponseChecker())
                .extractor(new KecRecordExtractor("trafficIc"))
                .build();
        HttpSourceBuilder builder = HttpSource.builder().addEndpoint(endpoint)
                .windowSize(RoadTrafficOptions.SLOT)
                .startTime(start)
                .publishDelay(kec.publishDelay())
                .rateLimit(settings.requestsPerSecond(), Duration.ofSeconds(1));
        return (end == null ? builder : builder.endTime(end)).build();
    }

    /**
     * The ultra-short forecast ({@code getUltraSrtFcst}) of every grid cell, one window per base time (HH:30 KST)
     * from the one before {@code start} (whose forecast covers it) to the one covering {@code end}; polled
     * {@code publishDelay} after the base time.
     */
    public static HttpSource weather(RoadTrafficSettings settings, List<TollGateDirectory.GridCell> cells,
            Instant start, Instant end) {
        RoadTrafficSettings.ApiSettings kma = settings.kma();
        Instant first = start.minus(BASE_TIME_OFFSET);
        HttpSourceBuilder builder = HttpSource.builder()
                .windowSize(HOUR)
                .startTime(first)
                .publishDelay(kma.publishDelay().minus(HOUR))
                .rateLimit(settings.requestsPerSecond(), Duration.ofSeconds(1));
        for (TollGateDirectory.GridCell cell : cells) {
            builder.addEndpoint(HttpEndpoint.builder("kma-fcst-" + cell.nx() + "-" + cell.ny())
                    .baseUrl(kma.baseUrl())
                    .path(ULTRA_SRT_FCST_PATH)
                    .query("serviceKey", "{secret:kma}")
                    .query("pageNo", "{page}")
                    .query("numOfRows", Integer.toString(kma.rowsPerPage()))
                    .query("dataType", "JSON")
                    .query("base_date", "{from:yyyyMMdd}")
                    .query("base_time", "{from:HHmm}")
                    .query("nx", Integer.toString(cell.nx()))
                    .query("ny", Integer.toString(cell.ny()))
                    .zone(KST)
                    .secret("kma", HttpSecret.fromEnv(kma.keyVariable()))
                    .paging(Paging.PAGE_NUMBER)
                    .checker(new KmaResponseChecker())
                    .extractor(new KmaRecordExtractor())
                    .build());
        }
        if (end != null) {
            long hours = (Duration.between(first, end).toMillis() + HOUR.toMillis() - 1) / HOUR.toMillis();
            builder.endTime(first.plus(HOUR.multipliedBy(hours)));
        }
        return builder.build();
    }
}
