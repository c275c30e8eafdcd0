package io.github.flinklakehouse.jobs.roadtraffic.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP server (the JDK's, on 127.0.0.1) that answers like the KEC {@code trafficIc} and the KMA
 * {@code getUltraSrtFcst} APIs with {@link EmulatedRoadData}: the demo runs without API keys, and tests poll it
 * through the real job.
 *
 * <ul>
 *   <li>{@value #TRAFFIC_IC_PATH}: {@code key}, {@code tmType} (only {@code 2}, 15 minutes, has data; others get the
 *       empty answer), {@code numOfRows}, {@code pageNo}; the slot comes from {@code sumDate}/{@code sumTm} (KST)
 *       or, like the real API, is the latest finished slot by the emulator's clock. Filters such as
 *       {@code inoutType} are ignored, as the real server does.</li>
 *   <li>{@value #ULTRA_SRT_FCST_PATH}: {@code serviceKey}, {@code base_date}, {@code base_time} (HH30, else
 *       NO_DATA), {@code nx}, {@code ny}, {@code numOfRows}, {@code pageNo}; NO_DATA too for the base times
 *       {@link EmulatedRoadData#forecastOf} has no forecast of.</li>
 *   <li>Error behaviours of the real APIs: a wrong KEC key gets {@code "code":"ERROR"}, a wrong KMA key the
 *       gateway's XML with HTTP 200; the first request of every 23rd slot fails with HTTP 500 and of another with
 *       HTTP 429 and {@code Retry-After: 1}, so a client must retry (the retry then succeeds).</li>
 * </ul>
 */
public final class RoadApiEmulator implements AutoCloseable {

    public static final String TRAFFIC_IC_PATH = "/openapi/trafficapi/trafficIc";
    public static final String KMA_SERVICE_PATH = "/1360000/VilageFcstInfoService_2.0";
    public static final String ULTRA_SRT_FCST_PATH = KMA_SERVICE_PATH + "/getUltraSrtFcst";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");
    private static final long SLOT_MILLIS = 900_000L;

    private final EmulatedRoadData data;
    private final String kecKey;
    private final String kmaKey;
    private final Clock clock;
    private final HttpServer server;
    private final Set<String> faultsServed = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();

    private RoadApiEmulator(EmulatedRoadData data, String kecKey, String kmaKey, Clock clock, InetAddress address,
            int port) throws IOException {
        this.data = data;
        this.kecKey = kecKey;
        this.kmaKey = kmaKey;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext(TRAFFIC_IC_PATH, this::trafficIc);
        server.createContext(ULTRA_SRT_FCST_PATH, this::ultraSrtFcst);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "road-api-emulator");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * Runs an emulator until the JVM stops, for the demo: {@code [port] [seed] [bind-address]} (default 8089, 42,
     * loopback); it accepts the keys in {@code KEC_API_KEY} / {@code KMA_SERVICE_KEY} (the job's default variables),
     * or {@code emulator} when unset. docker-compose.yml binds it to {@code 0.0.0.0}: its container's loopback is not
     * reachable from the TaskManager's, and its port is not published. The emulator serves invented data only; keys
     * are compared, never printed.
     */
    public static void main(String[] args) throws IOException {
        RoadApiEmulator emulator = startFromArguments(args);
        System.out.println("Road-traffic API emulator on " + emulator.baseUrl() + ": --road-traffic.kec.base-url "
                + emulator.baseUrl() + " --road-traffic.kma.base-url " + emulator.baseUrl() + KMA_SERVICE_PATH);
    }

    /** Starts the emulator {@link #main} runs, from its arguments. */
    static RoadApiEmulator startFromArguments(String... args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42L;
        InetAddress address = args.length > 2 ? InetAddress.getByName(args[2]) : InetAddress.getLoopbackAddress();
        RoadApiEmulator emulator = new RoadApiEmulator(new EmulatedRoadData(seed), envOr("KEC_API_KEY"),
                envOr("KMA_SERVICE_KEY"), Clock.systemUTC(), address, port);
        emulator.server.start();
        return emulator;
    }

    /** The address the emulator listens on. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private static String envOr(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? "emulator" : value.strip();
    }

    /** Starts an emulator on 127.0.0.1:{@code port} (0: any free port) that accepts only the given keys. */
    public static RoadApiEmulator start(EmulatedRoadData data, String kecKey, String kmaKey, Clock clock, int port)
            throws IOException {
        RoadApiEmulator emulator = new RoadApiEmulator(data, kecKey, kmaKey, clock, InetAddress.getLoopbackAddress(),
                port);
        emulator.server.start();
        return emulator;
    }

    /** {@code http://127.0.0.1:<port>}: the KEC base URL; the KMA base URL adds {@link #KMA_SERVICE_PATH}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void trafficIc(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!kecKey.equals(query.get("key"))) {
            reply(exchange, 200, "application/json", RoadApiResponses.KEC_INVALID_KEY);
            return;
        }
        if (!"2".equals(query.get("tmType"))) {
            reply(exchange, 200, "application/json", RoadApiResponses.KEC_EMPTY);
            return;
        }
        Instant slot = query.containsKey("sumDate") && query.containsKey("sumTm")
                ? LocalDate.parse(query.get("sumDate"), DATE).atTime(LocalTime.parse(query.get("sumTm"), TIME))
                        .atZone(EmulatedRoadData.KST).toInstant()
                : Instant.ofEpochMilli(Math.floorDiv(clock.millis(), SLOT_MILLIS) * SLOT_MILLIS - SLOT_MILLIS);
        int pageNo = number(query, "pageNo", 1);
        if (injectedFault(exchange, slot, pageNo)) {
            return;
        }
        List<EmulatedTrafficCount> counts = data.countsOf(slot);
        int rows = number(query, "numOfRows", 10);
        int pages = (counts.size() + rows - 1) / rows;
        if (pageNo > pages) {
            reply(exchange, 200, "application/json", RoadApiResponses.KEC_EMPTY);
            return;
        }
        List<EmulatedTrafficCount> page = counts.subList((pageNo - 1) * rows, Math.min(counts.size(), pageNo * rows));
        reply(exchange, 200, "application/json;charset=UTF-8",
                RoadApiResponses.kecPage(page, counts.size(), pageNo, rows, pages));
    }

    private void ultraSrtFcst(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        if (!kmaKey.equals(query.get("serviceKey"))) {
            reply(exchange, 200, "text/xml;charset=UTF-8", RoadApiResponses.KMA_INVALID_KEY_XML);
            return;
        }
        String baseTime = query.getOrDefault("base_time", "");
        if (!baseTime.matches("\\d\\d30") || !query.getOrDefault("base_date", "").matches("\\d{8}")) {
            reply(exchange, 200, "application/json;charset=UTF-8", RoadApiResponses.KMA_NO_DATA);
            return;
        }
        Instant base = LocalDate.parse(query.get("base_date"), DATE).atTime(LocalTime.parse(baseTime, TIME))
                .atZone(EmulatedRoadData.KST).toInstant();
        List<EmulatedForecastItem> items = data.forecastOf(base, number(query, "nx", 1), number(query, "ny", 1));
        if (items.isEmpty()) {
            reply(exchange, 200, "application/json;charset=UTF-8", RoadApiResponses.KMA_NO_DATA);
            return;
        }
        int rows = number(query, "numOfRows", 10);
        int pageNo = number(query, "pageNo", 1);
        int from = Math.min(items.size(), (pageNo - 1) * rows);
        reply(exchange, 200, "application/json;charset=UTF-8", RoadApiResponses.kmaPage(
                items.subList(from, Math.min(items.size(), from + rows)), pageNo, rows, items.size()));
    }

    /** The first request of some slots fails like an overloaded gateway: the client must retry. */
    private boolean injectedFault(HttpExchange exchange, Instant slot, int pageNo) throws IOException {
        long index = Math.floorDiv(slot.toEpochMilli(), SLOT_MILLIS);
        if (pageNo != 1 || (index % 23 != 5 && index % 23 != 11) || !faultsServed.add(slot.toString())) {
            return false;
        }
        if (index % 23 == 5) {
            reply(exchange, 500, "text/html", "<html><body>Internal Server Error</body></html>");
        } else {
            exchange.getResponseHeaders().add("Retry-After", "1");
            reply(exchange, 429, "text/plain", "Too Many Requests");
        }
        return true;
    }

    private void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static int number(Map<String, String> query, String name, int fallback) {
        try {
            return Integer.parseInt(query.getOrDefault(name, Integer.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
