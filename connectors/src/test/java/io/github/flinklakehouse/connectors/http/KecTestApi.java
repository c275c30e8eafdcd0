package io.github.flinklakehouse.connectors.http;

import io.github.flinklakehouse.connectors.http.FakeApiServer.Reply;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.HttpSecret;
import io.github.flinklakehouse.connectors.http.request.Paging;
import io.github.flinklakehouse.connectors.http.response.KecRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KecResponseChecker;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A fake KEC {@code trafficIc} built in the documented response shape: three pages (2, 2, 1 records) for
 * the valid key and hourly counts, the invalid-key answer for any other key, the empty answer for
 * 15-minute counts.
 */
public final class KecTestApi {

    public static final String PATH = "/openapi/trafficapi/trafficIc";
    public static final String VALID_KEY = "kec-valid-key-0001";

    /** The five records, quirks included: trailing space in unitCode, thousands separator, empty amount. */
    public static final List<String> RECORDS = List.of(
            ApiSamples.kecTrafficIc("101 ", "서울", "1", "1,234", "1300"),
            ApiSamples.kecTrafficIc("101 ", "서울", "2", "87", "1300"),
            ApiSamples.kecTrafficIc("105", "기흥", "1", "", "1300"),
            ApiSamples.kecTrafficIc("105", "기흥", "2", "12", "1300"),
            ApiSamples.kecTrafficIc("110", "수원신갈", "1", "2,001", "1300"));

    private KecTestApi() {}

    public static void script(FakeApiServer server) {
        Map<String, String> hourly = Map.of("key", VALID_KEY, "tmType", "1");
        server.route(PATH, with(hourly, "pageNo", "1"), Reply.ok(ApiSamples.kecPage(RECORDS.subList(0, 2), 5, 1, 2, 3)));
        server.route(PATH, with(hourly, "pageNo", "2"), Reply.ok(ApiSamples.kecPage(RECORDS.subList(2, 4), 5, 2, 2, 3)));
        server.route(PATH, with(hourly, "pageNo", "3"), Reply.ok(ApiSamples.kecPage(RECORDS.subList(4, 5), 5, 3, 2, 3)));
        server.route(PATH, Map.of("key", VALID_KEY, "tmType", "2"), Reply.ok(ApiSamples.KEC_EMPTY));
        server.route(PATH, Map.of(), Reply.ok(ApiSamples.KEC_INVALID_KEY));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        java.util.HashMap<String, String> map = new java.util.HashMap<>(base);
        map.put(key, value);
        return map;
    }

    /** The toll-gate endpoint as a job would configure it (tmType 1 hourly, 2 per 15 minutes). */
    public static HttpEndpoint endpoint(String id, FakeApiServer server, Path keyFile, String tmType) {
        return HttpEndpoint.builder(id)
                .baseUrl(server.baseUrl())
                .path(PATH)
                .query("key", "{secret:kec}")
                .query("type", "json")
                .query("tmType", tmType)
                .query("numOfRows", "2")
                .query("pageNo", "{page}")
                .zone(ZoneId.of("Asia/Seoul"))
                .secret("kec", HttpSecret.fromFile(keyFile))
                .paging(Paging.PAGE_NUMBER)
                .checker(new KecResponseChecker())
                .extractor(new KecRecordExtractor("trafficIc"))
                .build();
    }
}
