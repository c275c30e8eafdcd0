package io.github.flinklakehouse.connectors.http.source.reader;

import static io.github.flinklakehouse.connectors.http.KmaTestApi.HOUR_MS;
import static io.github.flinklakehouse.connectors.http.KmaTestApi.windowStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.ApiSamples;
import io.github.flinklakehouse.connectors.http.FakeApiServer;
import io.github.flinklakehouse.connectors.http.FakeApiServer.Reply;
import io.github.flinklakehouse.connectors.http.HttpDeadLetter;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.KmaTestApi;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.nio.charset.StandardCharsets;
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
 * A body over the size limit (announced or not) and a body that trickles in past the deadline each end their window
 * as one dead letter, at once and without retries, against a real local HTTP server sending real KMA responses.
 */
class BodyLimitsReaderTest {

    /** A real 4,193-byte forecast page, over the limit below. */
    private static final String LARGE = ApiSamples.read("kma/getUltraSrtFcst_20230630_0630_nx61_ny126_page1.json");
    /** A real 909-byte observation page, under it. */
    private static final String SMALL = ApiSamples.read(ApiSamples.KMA_NCST_20200905);
    private static final long LIMIT = 2_000;
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    @TempDir static Path dir;
    private static FakeApiServer server;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = FakeApiServer.start();
        server.route(KmaTestApi.PATH, Map.of("base_time", "0800"), Reply.ok(LARGE));
        server.route(KmaTestApi.PATH, Map.of("base_time", "0900"), Reply.chunked(LARGE));
        // 909 bytes, 60 every 250 ms: about 4 s, long after the deadline.
        server.route(KmaTestApi.PATH, Map.of("base_time", "1000"), Reply.trickle(SMALL, 60, 250));
        server.route(KmaTestApi.PATH, Map.of("base_time", "1100"), Reply.chunked(SMALL));
        endpoint = KmaTestApi.endpoint(server, Files.writeString(dir.resolve("kma.key"), KmaTestApi.SERVICE_KEY));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aBodyOverTheLimitIsADeadLetterWhetherItsLengthIsAnnouncedOrNot() throws Exception {
        assertThat(LARGE.getBytes(StandardCharsets.UTF_8).length).isGreaterThan((int) LIMIT);
        for (int hour : List.of(8, 9)) {
            HttpDeadLetter dead = onlyDeadLetter(poll(hour));
            assertThat(dead.reason()).isEqualTo(HttpFailureReason.BODY_TOO_LARGE);
            assertThat(dead.message()).contains("limit of 2000 bytes").doesNotContain(KmaTestApi.SERVICE_KEY);
            assertThat(dead.url()).contains("base_time=" + String.format("%02d00", hour))
                    .doesNotContain(KmaTestApi.SERVICE_KEY);
            assertThat(server.requestCount(Map.of("base_time", String.format("%02d00", hour))))
                    .as("not retried").isEqualTo(1);
        }
        assertThat(onlyDeadLetter(poll(8)).message()).contains("Content-Length");
        assertThat(onlyDeadLetter(poll(9)).message()).contains("no Content-Length");
    }

    @Test
    void aBodyThatTricklesInIsADeadLetterWithinTheDeadline() throws Exception {
        long start = System.nanoTime();
        HttpDeadLetter dead = onlyDeadLetter(poll(10));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(dead.reason()).isEqualTo(HttpFailureReason.BODY_DEADLINE);
        assertThat(dead.message()).contains("1000 ms");
        assertThat(tookMs).as("ends at the deadline, not when the body would be complete (~4 s)")
                .isGreaterThanOrEqualTo(DEADLINE.toMillis()).isLessThan(2_500);
        assertThat(server.requestCount(Map.of("base_time", "1000"))).as("not retried").isEqualTo(1);
    }

    @Test
    void aBodyUnderTheLimitWithoutALengthIsRead() throws Exception {
        List<HttpPollResult> results = poll(11);
        assertThat(results).allMatch(HttpPollResult::isRecord)
                .hasSize(ApiSamples.kmaItems(ApiSamples.KMA_NCST_20200905).size());
    }

    private static HttpDeadLetter onlyDeadLetter(List<HttpPollResult> results) {
        assertThat(results).hasSize(1);
        assertThat(results.get(0).isRecord()).isFalse();
        return results.get(0).deadLetter();
    }

    private static List<HttpPollResult> poll(int hour) throws Exception {
        HttpSourceOptions base = HttpSourceReaderTest.options();
        HttpSourceOptions options = new HttpSourceOptions(base.windowSize(), base.startTime(), null,
                base.publishDelay(), base.discoveryInterval(), base.maxWindowsPerDiscovery(), base.rateLimitPermits(),
                base.rateLimitPeriod(), base.maxAttempts(), base.initialBackoff(), base.maxBackoff(),
                base.jitterFactor(), base.maxRetryAfter(), base.connectTimeout(), base.requestTimeout(),
                base.bodyExcerptChars(), LIMIT, DEADLINE, base.retryLaterDelay(), base.retryLaterFor());
        try (HttpSourceReader reader = HttpSourceReader.create(Map.of(endpoint.id(), endpoint), options,
                new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(HttpWindowSplit.unpolled(endpoint.id(), windowStart(hour),
                    windowStart(hour) + HOUR_MS)));
            reader.notifyNoMoreSplits();
            return ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>());
        }
    }
}
