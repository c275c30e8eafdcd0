package io.github.flinklakehouse.connectors.http.source.reader;

import static io.github.flinklakehouse.connectors.http.KmaTestApi.HOUR_MS;
import static io.github.flinklakehouse.connectors.http.KmaTestApi.windowStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.ApiSamples;
import io.github.flinklakehouse.connectors.http.FakeApiServer;
import io.github.flinklakehouse.connectors.http.FakeApiServer.Reply;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.KmaTestApi;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A used-up quota (data.go.kr's gateway XML, HTTP 200) or an overloaded gateway (HTTP 503 after the retries) does not
 * end the window: it is polled again later until it succeeds, or ends as a dead letter once the give-up time passed;
 * any other gateway error (a refused key) ends it at once.
 */
class RetryLaterReaderTest {

    /** The real invalid-key envelope of the gateway. */
    private static final String INVALID_KEY = ApiSamples.read(ApiSamples.KMA_INVALID_KEY_XML);
    /** The same envelope with the gateway's quota code (22, LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR). */
    private static final String QUOTA = INVALID_KEY
            .replace("SERVICE_KEY_IS_NOT_REGISTERED_ERROR", "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR")
            .replace("<returnReasonCode>30<", "<returnReasonCode>22<");
    private static final String REAL_PAGE = ApiSamples.read(ApiSamples.KMA_NCST_20200905);
    private static final int ITEMS = ApiSamples.kmaItems(ApiSamples.KMA_NCST_20200905).size();

    @TempDir static Path dir;
    private static FakeApiServer server;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = FakeApiServer.start();
        server.route(KmaTestApi.PATH, Map.of("base_time", "0800"), Reply.xml(QUOTA), Reply.xml(QUOTA),
                Reply.ok(REAL_PAGE));
        Reply unavailable = Reply.status(503, "Service Unavailable", Map.of());
        // Three attempts in place (options: maxAttempts 3), then later the fourth request succeeds.
        server.route(KmaTestApi.PATH, Map.of("base_time", "0900"), unavailable, unavailable, unavailable,
                Reply.ok(REAL_PAGE));
        server.route(KmaTestApi.PATH, Map.of("base_time", "1000"), Reply.xml(QUOTA));
        server.route(KmaTestApi.PATH, Map.of("base_time", "1100"), Reply.xml(INVALID_KEY));
        endpoint = KmaTestApi.endpoint(server, Files.writeString(dir.resolve("kma.key"), KmaTestApi.SERVICE_KEY));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aUsedUpQuotaPostponesTheWindowUntilItIsServed() throws Exception {
        Polled polled = poll(8, Duration.ofSeconds(30));
        assertThat(polled.results()).hasSize(ITEMS).allMatch(HttpPollResult::isRecord);
        assertThat(requests("0800")).isEqualTo(3);
        assertThat(polled.metrics().windowsPostponed()).isEqualTo(2);
        assertThat(polled.metrics().failures(HttpFailureReason.QUOTA_EXCEEDED)).isEqualTo(2);
    }

    @Test
    void aGatewayThatStaysUnavailableThroughTheRetriesPostponesTheWindow() throws Exception {
        Polled polled = poll(9, Duration.ofSeconds(30));
        assertThat(polled.results()).hasSize(ITEMS).allMatch(HttpPollResult::isRecord);
        assertThat(requests("0900")).isEqualTo(4);
        assertThat(polled.metrics().windowsPostponed()).isEqualTo(1);
    }

    @Test
    void aQuotaThatStaysUsedUpEndsAsADeadLetterOnceTheGiveUpTimePassed() throws Exception {
        long start = System.nanoTime();
        Polled polled = poll(10, Duration.ofMillis(700));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(polled.results()).singleElement().satisfies(result -> {
            assertThat(result.isRecord()).isFalse();
            assertThat(result.deadLetter().reason()).isEqualTo(HttpFailureReason.QUOTA_EXCEEDED);
            assertThat(result.deadLetter().message()).contains("returnReasonCode=22")
                    .doesNotContain(KmaTestApi.SERVICE_KEY);
        });
        // Postponed 100, 200 and 400 ms: the failure after 700 ms gives up.
        assertThat(polled.metrics().windowsPostponed()).isEqualTo(3);
        assertThat(requests("1000")).isEqualTo(4);
        assertThat(tookMs).isGreaterThanOrEqualTo(700).isLessThan(5_000);
    }

    @Test
    void aRefusedKeyEndsTheWindowAtOnce() throws Exception {
        Polled polled = poll(11, Duration.ofSeconds(30));
        assertThat(polled.results()).singleElement()
                .satisfies(result -> assertThat(result.deadLetter().reason())
                        .isEqualTo(HttpFailureReason.GATEWAY_ERROR));
        assertThat(requests("1100")).isEqualTo(1);
        assertThat(polled.metrics().windowsPostponed()).isZero();
    }

    private record Polled(List<HttpPollResult> results, HttpSourceMetrics metrics) {
    }

    private static long requests(String baseTime) {
        return server.requestCount(Map.of("base_time", baseTime));
    }

    private static Polled poll(int hour, Duration giveUpAfter) throws Exception {
        HttpSourceOptions base = HttpSourceReaderTest.options();
        HttpSourceOptions options = new HttpSourceOptions(base.windowSize(), base.startTime(), null,
                base.publishDelay(), base.discoveryInterval(), base.maxWindowsPerDiscovery(), base.rateLimitPermits(),
                base.rateLimitPeriod(), base.maxAttempts(), base.initialBackoff(), base.maxBackoff(),
                base.jitterFactor(), base.maxRetryAfter(), base.connectTimeout(), base.requestTimeout(),
                base.bodyExcerptChars(), base.maxBodyBytes(), base.bodyDeadline(), Duration.ofMillis(100),
                giveUpAfter);
        try (HttpSourceReader reader = HttpSourceReader.create(Map.of(endpoint.id(), endpoint), options,
                new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(HttpWindowSplit.unpolled(endpoint.id(), windowStart(hour),
                    windowStart(hour) + HOUR_MS)));
            reader.notifyNoMoreSplits();
            List<HttpPollResult> results = ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>());
            return new Polled(results, reader.metrics());
        }
    }
}
