package io.github.flinklakehouse.jobs.roadtraffic.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.OptionReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The road-traffic pipeline's own options: the two APIs (base URLs, the environment variables holding their keys),
 * what to poll, event time and the marts' shape. API keys are never options: only the names of the variables that
 * hold them are.
 */
public final class RoadTrafficOptions implements OptionGroup<RoadTrafficSettings> {

    /** The group, for the pipeline registry. */
    public static final RoadTrafficOptions GROUP = new RoadTrafficOptions();

    public static final ConfigOption<String> KEC_BASE_URL = key("road-traffic.kec.base-url")
            .stringType().defaultValue("https://data.ex.co.kr")
            .withDescription("Base URL of the KEC open API (trafficIc); the API emulator's URL for the demo and "
                    + "tests.");
    public static final ConfigOption<String> KEC_KEY_ENV = key("road-traffic.kec.key-env")
            .stringType().defaultValue("KEC_API_KEY")
            .withDescription("Environment variable of the task managers that holds the KEC API key (never logged).");
    public static final ConfigOption<Duration> KEC_PUBLISH_DELAY = key("road-traffic.kec.publish-delay")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How long after a 15-minute slot ends its counts are polled.");
    public static final ConfigOption<Integer> KEC_ROWS_PER_PAGE = key("road-traffic.kec.rows-per-page")
            .intType().defaultValue(1000).withDescription("numOfRows of each trafficIc request.");
    public static final ConfigOption<Boolean> WEATHER_ENABLED = key("road-traffic.weather.enabled")
            .booleanType().defaultValue(true)
            .withDescription("Also poll the KMA ultra-short forecast for every grid cell of the toll-gate dimension.");
    public static final ConfigOption<String> KMA_BASE_URL = key("road-traffic.kma.base-url")
            .stringType().defaultValue("https://apis.data.go.kr/1360000/VilageFcstInfoService_2.0")
            .withDescription("Base URL of the KMA short-term forecast service (getUltraSrtFcst).");
    public static final ConfigOption<String> KMA_KEY_ENV = key("road-traffic.kma.key-env")
            .stringType().defaultValue("KMA_SERVICE_KEY")
            .withDescription("Environment variable of the task managers that holds the decoded data.go.kr service "
                    + "key (never logged).");
    public static final ConfigOption<Duration> KMA_PUBLISH_DELAY = key("road-traffic.kma.publish-delay")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("How long after its base time (HH:30 KST) a forecast is polled; at most 1 h.");
    public static final ConfigOption<Integer> KMA_ROWS_PER_PAGE = key("road-traffic.kma.rows-per-page")
            .intType().defaultValue(100).withDescription("numOfRows of each forecast request.");
    public static final ConfigOption<String> START = key("road-traffic.start")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant of the first polled slot, a multiple of 15 minutes (default: the "
                    + "current slot when the job is first built; a restored job goes on where it was).");
    public static final ConfigOption<String> END = key("road-traffic.end")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant: poll the slots before it and finish (a bounded run, e.g. a backfill); "
                    + "a multiple of 15 minutes after road-traffic.start.");
    public static final ConfigOption<Integer> REQUESTS_PER_SECOND = key("road-traffic.http.requests-per-second")
            .intType().defaultValue(5).withDescription("Requests per second per endpoint and source subtask.");
    public static final ConfigOption<String> TOLLGATES_FILE = key("road-traffic.tollgates-file")
            .stringType().noDefaultValue()
            .withDescription("CSV of the toll-gate dimension (unit_code,unit_name,region,latitude,longitude,nx,ny); "
                    + "default: the bundled example. Gates not in it get region 'unknown'.");
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("road-traffic.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("Watermark lag behind the latest slot seen.");
    public static final ConfigOption<Duration> IDLENESS = key("road-traffic.idleness")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("A source subtask without counts for this long stops holding back the watermark.");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = key("road-traffic.allowed-lateness")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far behind the watermark a count may arrive and still count in the marts; later "
                    + "ones stay in raw.tollgate_traffic and become LATE dead letters.");
    public static final ConfigOption<Integer> TOP_GATES_N = key("road-traffic.marts.top-gates.top-n")
            .intType().defaultValue(10)
            .withDescription("Toll gates per day in tollgate_top_daily and in tollgate_volatility_daily.");

    /** Every road-traffic option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(KEC_BASE_URL, KEC_KEY_ENV, KEC_PUBLISH_DELAY,
            KEC_ROWS_PER_PAGE, WEATHER_ENABLED, KMA_BASE_URL, KMA_KEY_ENV, KMA_PUBLISH_DELAY, KMA_ROWS_PER_PAGE, START,
            END, REQUESTS_PER_SECOND, TOLLGATES_FILE, MAX_OUT_OF_ORDERNESS, IDLENESS, ALLOWED_LATENESS, TOP_GATES_N);

    /** Length of a polled traffic slot (tmType 2). */
    public static final Duration SLOT = Duration.ofMinutes(15);

    private RoadTrafficOptions() {
    }

    @Override
    public String title() {
        return "Pipeline road-traffic";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public RoadTrafficSettings read(OptionReader v) {
        RoadTrafficSettings.ApiSettings kec = new RoadTrafficSettings.ApiSettings(
                v.prefixed(KEC_BASE_URL, "http://", "https://"), envName(v, KEC_KEY_ENV),
                v.notNegative(KEC_PUBLISH_DELAY), v.between(KEC_ROWS_PER_PAGE, 1, 10_000));
        RoadTrafficSettings.ApiSettings kma = new RoadTrafficSettings.ApiSettings(
                v.prefixed(KMA_BASE_URL, "http://", "https://"), envName(v, KMA_KEY_ENV),
                v.notNegative(KMA_PUBLISH_DELAY), v.between(KMA_ROWS_PER_PAGE, 1, 10_000));
        v.check(kma.publishDelay() == null || kma.publishDelay().compareTo(Duration.ofHours(1)) <= 0,
                KMA_PUBLISH_DELAY, "must be at most 1 h (a forecast is polled within its hour)");
        Instant start = v.optional(START).map(text -> v.instant(START)).orElse(null);
        Instant end = v.optional(END).map(text -> v.instant(END)).orElse(null);
        v.check(start == null || start.toEpochMilli() % SLOT.toMillis() == 0, START,
                "must be a multiple of 15 minutes, e.g. 2026-09-19T00:00:00Z");
        v.check(end == null || start != null, END, "needs road-traffic.start");
        v.check(end == null || start == null || (end.isAfter(start)
                && (end.toEpochMilli() - start.toEpochMilli()) % SLOT.toMillis() == 0), END,
                "must be a multiple of 15 minutes after road-traffic.start");
        int requests = v.between(REQUESTS_PER_SECOND, 1, 1_000);
        String tollgates = v.optional(TOLLGATES_FILE).filter(file -> !file.isBlank()).orElse(null);
        Duration outOfOrderness = v.notNegative(MAX_OUT_OF_ORDERNESS);
        Duration idleness = v.positive(IDLENESS);
        Duration lateness = v.notNegative(ALLOWED_LATENESS);
        int topN = v.between(TOP_GATES_N, 1, 1_000);
        boolean weather = Boolean.TRUE.equals(v.get(WEATHER_ENABLED));
        if (v.hasProblems()) {
            return null;
        }
        return new RoadTrafficSettings(kec, weather ? kma : null, start, end, requests, tollgates, outOfOrderness,
                idleness, lateness, topN);
    }

    private static String envName(OptionReader v, ConfigOption<String> option) {
        String name = v.nonBlank(option);
        v.check(name == null || name.matches("[A-Za-z_][A-Za-z0-9_]*"), option,
                "must be the name of an environment variable (the key itself is never an option)");
        return name;
    }
}
