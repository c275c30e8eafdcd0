package io.github.flinklakehouse.connectors.http.source.reader;

import static io.github.flinklakehouse.connectors.http.KmaTestApi.HOUR_MS;
import static io.github.flinklakehouse.connectors.http.KmaTestApi.ITEMS;
import static io.github.flinklakehouse.connectors.http.KmaTestApi.windowStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.ApiSamples;
import io.github.flinklakehouse.connectors.http.FakeApiServer;
import io.github.flinklakehouse.connectors.http.HttpDeadLetter;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.KmaTestApi;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against a real local HTTP server answering in the KMA formats, one scripted case per window. */
class HttpSourceReaderTest {

    private static final String REAL_PAGE = ApiSamples.read(ApiSamples.KMA_NCST_20200905);

    @TempDir static Path dir;
    private static FakeApiServer server;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = FakeApiServer.start();
        KmaTestApi.script(server);
        endpoint = KmaTestApi.endpoint(server, Files.writeString(dir.resolve("kma.key"), KmaTestApi.SERVICE_KEY));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static HttpSourceOptions options() {
        return new HttpSourceOptions(Duration.ofHours(1), KmaTestApi.FIRST_WINDOW, null, Duration.ZERO,
                Duration.ofSeconds(1), 100, 1000, Duration.ofSeconds(1), 3, Duration.ofMillis(20), Duration.ofMillis(200), 0.1,
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500), 300, 1_000_000,
                Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ZERO);
    }

    private static HttpSourceReader reader() {
        return HttpSourceReader.create(Map.of(endpoint.id(), endpoint), options(), new TestingReaderContext());
    }

    private static HttpWindowSplit window(int hour) {
        return HttpWindowSplit.unpolled(endpoint.id(), windowStart(hour), windowStart(hour) + HOUR_MS);
    }

    /** Polls one window from scratch with a fresh reader. */
    private static Polled poll(int hour) throws Exception {
        try (HttpSourceReader reader = reader()) {
            reader.start();
            reader.addSplits(List.of(window(hour)));
            reader.notifyNoMoreSplits();
            List<HttpPollResult> results = ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>());
            return new Polled(results, reader.metrics());
        }
    }

    private record Polled(List<HttpPollResult> results, HttpSourceMetrics metrics) {
        List<String> recordJson() {
            return results.stream().filter(HttpPollResult::isRecord).map(r -> r.record().json()).collect(Collectors.toList());
        }

        List<HttpDeadLetter> deadLetters() {
            return results.stream().filter(r -> !r.isRecord()).map(HttpPollResult::deadLetter).collect(Collectors.toList());
        }
    }

    private static long requests(String baseTime) {
        return server.requestCount(Map.of("base_time", baseTime));
    }

    private static List<String> itemsOf(String body) {
        List<String> items = new ArrayList<>();
        ApiSamples.tree(body).path("response").path("body").path("items").path("item").forEach(i -> items.add(i.toString()));
        return items;
    }

    @Test
    void followsPageNumbersUntilTheStatedLastPage() throws Exception {
        long before = requests("0800"); // the checkpoint test polls the same window
        Polled polled = poll(8);
        assertThat(polled.recordJson()).containsExactlyElementsOf(ITEMS);
        assertThat(polled.results()).extracting(r -> r.record().page() + "/" + r.record().index())
                .containsExactly("1/0", "1/1", "1/2", "1/3", "2/0", "2/1", "2/2", "2/3");
        assertThat(polled.results().get(0).record())
                .isEqualTo(new HttpRecord("kma-ncst", windowStart(8), windowStart(8) + HOUR_MS, 1, 0, ITEMS.get(0)));
        assertThat(requests("0800") - before).isEqualTo(2);
        assertThat(polled.metrics().requests()).isEqualTo(2);
        assertThat(polled.metrics().recordsEmitted()).isEqualTo(8);
        // The lag is measured from the window's end to the same poll time the gauge reports.
        assertThat(polled.metrics().lastSuccessfulPollMs() - polled.metrics().windowLagMs()).isEqualTo(windowStart(9));
        assertThat(server.requests().stream().filter(u -> u.getQuery().contains("base_time=0800")).findFirst().orElseThrow()
                .getQuery()).contains("serviceKey=" + KmaTestApi.SERVICE_KEY, "base_date=20200905", "pageNo=1");
    }

    @Test
    void noDataWithOrWithoutBodyEndsTheWindowQuietly() throws Exception {
        for (int hour : new int[] {9, 19}) {
            Polled polled = poll(hour);
            assertThat(polled.results()).isEmpty();
            assertThat(polled.metrics().noDataWindows()).isEqualTo(1);
            assertThat(polled.metrics().deadLetteredCount()).isZero();
        }
    }

    @Test
    void xmlErrorWithHttp200BecomesADeadLetterWithoutRetriesOrKey() throws Exception {
        Polled polled = poll(10);
        assertThat(polled.recordJson()).isEmpty();
        HttpDeadLetter dead = polled.deadLetters().get(0);
        assertThat(polled.deadLetters()).hasSize(1);
        assertThat(dead.reason()).isEqualTo(HttpFailureReason.GATEWAY_ERROR);
        assertThat(dead.status()).isEqualTo(200);
        assertThat(dead.message())
                .isEqualTo("returnReasonCode=30 returnAuthMsg=SERVICE_KEY_IS_NOT_REGISTERED_ERROR errMsg=SERVICE ERROR");
        assertThat(dead.payload()).isEqualTo(ApiSamples.read(ApiSamples.KMA_INVALID_KEY_XML));
        assertThat(dead.url()).contains("serviceKey=***&pageNo=1").doesNotContain("kma");
        assertThat(dead.windowStartMs()).isEqualTo(windowStart(10));
        assertThat(requests("1000")).isEqualTo(1);
        assertThat(polled.metrics().deadLetteredCount()).isEqualTo(1);
        assertThat(polled.metrics().failures(HttpFailureReason.GATEWAY_ERROR)).isEqualTo(1);
    }

    @Test
    void rateLimitedThenServedHonoursRetryAfter() throws Exception {
        Polled polled = poll(11);
        assertThat(polled.recordJson()).containsExactlyElementsOf(itemsOf(REAL_PAGE));
        assertThat(requests("1100")).isEqualTo(2);
        assertThat(polled.metrics().retries()).isEqualTo(1);
        assertThat(polled.metrics().failures(HttpFailureReason.RATE_LIMITED)).isEqualTo(1);
        // Retry-After: 1 is never shortened by jitter (0.1): between 1 s and 1 s * 1.1 / 0.9.
        assertThat(polled.metrics().lastRetryDelayMs()).isBetween(1_000L, 1_223L);
    }

    @Test
    void serverErrorThenServedIsRetried() throws Exception {
        Polled polled = poll(12);
        assertThat(polled.recordJson()).containsExactlyElementsOf(itemsOf(REAL_PAGE));
        assertThat(polled.deadLetters()).isEmpty();
        assertThat(requests("1200")).isEqualTo(2);
        assertThat(polled.metrics().failures(HttpFailureReason.SERVER_ERROR)).isEqualTo(1);
        assertThat(polled.metrics().lastSuccessfulPollMs()).isPositive();
    }

    @Test
    void timeoutThenServedIsRetried() throws Exception {
        Polled polled = poll(13);
        assertThat(polled.recordJson()).containsExactlyElementsOf(itemsOf(REAL_PAGE));
        assertThat(requests("1300")).isEqualTo(2);
        assertThat(polled.metrics().failures(HttpFailureReason.TIMEOUT)).isEqualTo(1);
        assertThat(polled.metrics().retries()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsRetriedThenDeadLettered() throws Exception {
        Polled polled = poll(14);
        assertThat(polled.recordJson()).isEmpty();
        assertThat(polled.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).isEqualTo(HttpFailureReason.MALFORMED_BODY);
            assertThat(dead.payload()).isEqualTo(KmaTestApi.MALFORMED);
            assertThat(dead.message()).startsWith("malformed JSON");
        });
        assertThat(requests("1400")).isEqualTo(3);
        assertThat(polled.metrics().retries()).isEqualTo(2);
        assertThat(polled.metrics().failures(HttpFailureReason.MALFORMED_BODY)).isEqualTo(3);
    }

    @Test
    void truncatedTransferIsRetriedThenDeadLettered() throws Exception {
        Polled polled = poll(15);
        assertThat(polled.recordJson()).isEmpty();
        assertThat(polled.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).isEqualTo(HttpFailureReason.CONNECTION_ERROR);
            assertThat(dead.status()).isEqualTo(-1);
        });
        assertThat(requests("1500")).isEqualTo(3);
    }

    @Test
    void anEmptyPageStopsPaginationEvenIfMorePagesWereAnnounced() throws Exception {
        Polled polled = poll(16);
        assertThat(polled.recordJson()).containsExactlyElementsOf(ITEMS.subList(0, 4));
        assertThat(server.requestCount(Map.of("base_time", "1600", "pageNo", "3"))).isZero();
        assertThat(requests("1600")).isEqualTo(2);
    }

    @Test
    void anItemThatIsNotAnObjectIsDeadLetteredAndTheRestEmitted() throws Exception {
        Polled polled = poll(17);
        assertThat(polled.recordJson()).containsExactly(ITEMS.get(0), ITEMS.get(2));
        assertThat(polled.results()).extracting(r -> r.isRecord() ? r.record().index() : -1).containsExactly(0, -1, 2);
        assertThat(polled.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).isEqualTo(HttpFailureReason.RECORD_NOT_OBJECT);
            assertThat(dead.payload()).isEqualTo("42");
        });
    }

    @Test
    void notFoundIsNotRetried() throws Exception {
        Polled polled = poll(18);
        assertThat(polled.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).isEqualTo(HttpFailureReason.CLIENT_ERROR);
            assertThat(dead.status()).isEqualTo(404);
        });
        assertThat(requests("1800")).isEqualTo(1);
        assertThat(polled.metrics().retries()).isZero();
    }

    @Test
    void checkpointInTheMiddleOfAPaginatedWindowRestoresWithoutLossOrRepeat() throws Exception {
        List<HttpPollResult> emitted = new ArrayList<>();
        List<HttpWindowSplit> checkpoint;
        try (HttpSourceReader first = reader()) {
            first.start();
            first.addSplits(List.of(window(8)));
            TestingReaderOutput<HttpPollResult> out = new TestingReaderOutput<>();
            ReaderDriver.pollUntil(first, out, 5);
            emitted.addAll(out.getEmittedRecords());
            checkpoint = first.snapshotState(1L);
        }
        assertThat(emitted).hasSize(5);
        assertThat(checkpoint).containsExactly(
                new HttpWindowSplit("kma-ncst", windowStart(8), windowStart(8) + HOUR_MS, 2, null, 1, false));

        try (HttpSourceReader restored = reader()) {
            restored.start();
            restored.addSplits(checkpoint);
            restored.notifyNoMoreSplits();
            emitted.addAll(ReaderDriver.pollToEnd(restored, new TestingReaderOutput<>()));
        }
        assertThat(emitted).extracting(r -> r.record().page() + "/" + r.record().index())
                .containsExactly("1/0", "1/1", "1/2", "1/3", "2/0", "2/1", "2/2", "2/3");
        assertThat(emitted).extracting(r -> r.record().json()).containsExactlyElementsOf(ITEMS);
    }

    @Test
    void aFinishedWindowRestoredFromACheckpointIsNotPolledAgain() throws Exception {
        HttpWindowSplit done = new HttpWindowSplit("kma-ncst", windowStart(20), windowStart(21), 1, null, 3, true);
        long before = server.requests().size();
        try (HttpSourceReader reader = reader()) {
            reader.start();
            reader.addSplits(List.of(done));
            reader.notifyNoMoreSplits();
            assertThat(ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>())).isEmpty();
        }
        assertThat(server.requests()).hasSize((int) before);
    }
}
