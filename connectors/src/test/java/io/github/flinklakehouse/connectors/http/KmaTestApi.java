package io.github.flinklakehouse.connectors.http;

import static io.github.flinklakehouse.connectors.http.ApiSamples.kmaItems;
import static io.github.flinklakehouse.connectors.http.ApiSamples.kmaPage;
import static io.github.flinklakehouse.connectors.http.ApiSamples.read;

import io.github.flinklakehouse.connectors.http.FakeApiServer.Reply;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.HttpSecret;
import io.github.flinklakehouse.connectors.http.request.Paging;
import io.github.flinklakehouse.connectors.http.response.KmaRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KmaResponseChecker;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A fake KMA {@code getUltraSrtNcst} whose answer depends on {@code base_time}: one scripted case per hour
 * of 5 September 2020 (KST), with the real sample responses where they fit.
 */
public final class KmaTestApi {

    public static final String PATH = "/1360000/VilageFcstInfoService_2.0/getUltraSrtNcst";
    public static final String SERVICE_KEY = "kma+Key/with=chars";
    /** 08:00 KST on 5 September 2020, the first scripted window. */
    public static final Instant FIRST_WINDOW = Instant.parse("2020-09-04T23:00:00Z");
    public static final long HOUR_MS = 3_600_000L;

    /** The real observation items (8) of the 2020-09-05 08:00 sample. */
    public static final List<String> ITEMS = kmaItems(ApiSamples.KMA_NCST_20200905);

    public static final String MALFORMED =
            "{\"response\":{\"header\":{\"resultCode\":\"00\",\"resultMsg\":\"NORMAL_SERVICE\"},\"body\":{\"dataType\":\"JSON\","
                    + "\"items\":{\"item\":[{\"baseDate\":\"20200905\",]}}}}";

    private KmaTestApi() {}

    /** Start of the window whose {@code base_time} is {@code hour}:00 KST. */
    public static long windowStart(int hour) {
        return FIRST_WINDOW.toEpochMilli() + (hour - 8) * HOUR_MS;
    }

    /** Scripts every case on {@code server}. */
    public static void script(FakeApiServer server) {
        String real = read(ApiSamples.KMA_NCST_20200905);
        // 08: two pages of four (totalCount 8).
        server.route(PATH, Map.of("base_time", "0800", "pageNo", "1"), Reply.ok(kmaPage(ITEMS.subList(0, 4), 1, 4, 8)));
        server.route(PATH, Map.of("base_time", "0800", "pageNo", "2"), Reply.ok(kmaPage(ITEMS.subList(4, 8), 2, 4, 8)));
        // 09: NO_DATA.
        server.route(PATH, Map.of("base_time", "0900"), Reply.ok(read(ApiSamples.KMA_NO_DATA)));
        // 10: the gateway's XML error with HTTP 200.
        server.route(PATH, Map.of("base_time", "1000"), Reply.xml(read(ApiSamples.KMA_INVALID_KEY_XML)));
        // 11: 429 with Retry-After, then the real page.
        server.route(PATH, Map.of("base_time", "1100"),
                Reply.status(429, "", Map.of("Retry-After", "1")), Reply.ok(real));
        // 12: 500, then the real page.
        server.route(PATH, Map.of("base_time", "1200"), Reply.status(500, "Internal Server Error", Map.of()), Reply.ok(real));
        // 13: too slow once, then the real page.
        server.route(PATH, Map.of("base_time", "1300"), Reply.slow(real, 1_500), Reply.ok(real));
        // 14: malformed JSON, always.
        server.route(PATH, Map.of("base_time", "1400"), Reply.ok(MALFORMED));
        // 15: a truncated transfer, always.
        server.route(PATH, Map.of("base_time", "1500"), Reply.cutShort(real));
        // 16: says three pages, but the second is empty.
        server.route(PATH, Map.of("base_time", "1600", "pageNo", "1"), Reply.ok(kmaPage(ITEMS.subList(0, 4), 1, 4, 12)));
        server.route(PATH, Map.of("base_time", "1600", "pageNo", "2"), Reply.ok(kmaPage(List.of(), 2, 4, 12)));
        server.route(PATH, Map.of("base_time", "1600", "pageNo", "3"), Reply.ok(kmaPage(ITEMS.subList(4, 8), 3, 4, 12)));
        // 17: an item that is not an object.
        server.route(PATH, Map.of("base_time", "1700"), Reply.ok(kmaPage(List.of(ITEMS.get(0), "42", ITEMS.get(2)), 1, 10, 3)));
        // 18: 404.
        server.route(PATH, Map.of("base_time", "1800"), Reply.status(404, "Not Found", Map.of()));
        // NO_DATA without a body.
        server.route(PATH, Map.of("base_time", "1900"), Reply.ok(""));
    }

    /** The endpoint as a job would configure it, pointed at {@code server}, with its key in {@code keyFile}. */
    public static HttpEndpoint endpoint(FakeApiServer server, Path keyFile) {
        return HttpEndpoint.builder("kma-ncst")
                .baseUrl(server.baseUrl())
                .path(PATH)
                .query("serviceKey", "{secret:kma}")
                .query("pageNo", "{page}")
                .query("numOfRows", "4")
                .query("dataType", "JSON")
                .query("base_date", "{from:yyyyMMdd}")
                .query("base_time", "{from:HHmm}")
                .query("nx", "59")
                .query("ny", "123")
                .zone(ZoneId.of("Asia/Seoul"))
                .secret("kma", HttpSecret.fromFile(keyFile))
                .paging(Paging.PAGE_NUMBER)
                .checker(new KmaResponseChecker())
                .extractor(new KmaRecordExtractor())
                .build();
    }
}
