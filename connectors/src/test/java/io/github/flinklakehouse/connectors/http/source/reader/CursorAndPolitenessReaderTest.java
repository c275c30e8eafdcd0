package io.github.flinklakehouse.connectors.http.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.FakeApiServer;
import io.github.flinklakehouse.connectors.http.FakeApiServer.Reply;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.KmaTestApi;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.Paging;
import io.github.flinklakehouse.connectors.http.response.JsonPointerRecordExtractor;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cursor and next-link paging, the token bucket, and {@code Retry-After} parsing. */
class CursorAndPolitenessReaderTest {

    @TempDir Path dir;

    private static List<HttpPollResult> poll(HttpEndpoint endpoint, HttpSourceOptions options, HttpWindowSplit split,
            HttpSourceMetrics[] metrics) throws Exception {
        try (HttpSourceReader reader = HttpSourceReader.create(Map.of(endpoint.id(), endpoint), options,
                new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(split));
            reader.notifyNoMoreSplits();
            List<HttpPollResult> results = ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>());
            metrics[0] = reader.metrics();
            return results;
        }
    }

    @Test
    void followsCursorsAndNextLinksUntilNoneIsLeft() throws Exception {
        try (FakeApiServer server = FakeApiServer.start()) {
            String nextLink = server.baseUrl() + "/events?token=t3";
            server.route("/events", Map.of("token", "t3"), Reply.ok("{\"data\":[{\"id\":4}],\"links\":{\"next\":null}}"));
            server.route("/events", Map.of("after", "c2"),
                    Reply.ok("{\"data\":[{\"id\":3}],\"links\":{\"next\":\"" + nextLink + "\"}}"));
            server.route("/events", Map.of(), Reply.ok("{\"data\":[{\"id\":1},{\"id\":2}],\"links\":{\"next\":\"c2\"}}"));
            HttpEndpoint endpoint = HttpEndpoint.builder("events").baseUrl(server.baseUrl()).path("/events")
                    .query("since", "{from:yyyy-MM-dd'T'HH:mm}").query("after", "{cursor}")
                    .paging(Paging.CURSOR).extractor(new JsonPointerRecordExtractor("/data", "/links/next")).build();

            HttpSourceMetrics[] metrics = new HttpSourceMetrics[1];
            List<HttpPollResult> results = poll(endpoint, HttpSourceReaderTest.options(),
                    HttpWindowSplit.unpolled("events", 0L, 60_000L), metrics);

            assertThat(results).extracting(r -> r.record().page() + "/" + r.record().index() + " " + r.record().json())
                    .containsExactly("1/0 {\"id\":1}", "1/1 {\"id\":2}", "2/0 {\"id\":3}", "3/0 {\"id\":4}");
            assertThat(server.requests()).extracting(u -> u.getPath() + "?" + u.getQuery()).containsExactly(
                    "/events?since=1970-01-01T00:00", "/events?since=1970-01-01T00:00&after=c2", "/events?token=t3");
        }
    }

    @Test
    void aNextLinkToAnotherHostOrNoUrlEndsTheWindowAsADeadLetterWithoutARequest() throws Exception {
        for (String link : List.of("http://169.254.169.254/latest/meta-data?key=k", "https://%%bad", "FOREIGN")) {
            try (FakeApiServer server = FakeApiServer.start()) {
                String next = link.equals("FOREIGN") ? server.baseUrl().replace("127.0.0.1", "localhost") + "/events"
                        : link;
                server.route("/events", Map.of(), Reply.ok("{\"data\":[{\"id\":1}],\"links\":{\"next\":\""
                        + next + "\"}}"));
                HttpEndpoint endpoint = HttpEndpoint.builder("events").baseUrl(server.baseUrl()).path("/events")
                        .query("after", "{cursor}").paging(Paging.CURSOR)
                        .extractor(new JsonPointerRecordExtractor("/data", "/links/next")).build();

                HttpSourceMetrics[] metrics = new HttpSourceMetrics[1];
                List<HttpPollResult> results = poll(endpoint, HttpSourceReaderTest.options(),
                        HttpWindowSplit.unpolled("events", 0L, 60_000L), metrics);

                assertThat(results).hasSize(2);
                assertThat(results.get(0).record().json()).isEqualTo("{\"id\":1}");
                assertThat(results.get(1).deadLetter().reason()).isEqualTo(HttpFailureReason.NEXT_LINK_REFUSED);
                assertThat(results.get(1).deadLetter().page()).isEqualTo(2);
                assertThat(server.requests()).hasSize(1);
            }
        }
    }

    @Test
    void restoredCursorSplitRefetchesItsPageAndSkipsWhatWasEmitted() throws Exception {
        try (FakeApiServer server = FakeApiServer.start()) {
            server.route("/events", Map.of("after", "c2"), Reply.ok("{\"data\":[{\"id\":3},{\"id\":4}],\"links\":{}}"));
            HttpEndpoint endpoint = HttpEndpoint.builder("events").baseUrl(server.baseUrl()).path("/events")
                    .query("after", "{cursor}").paging(Paging.CURSOR)
                    .extractor(new JsonPointerRecordExtractor("/data", "/links/next")).build();
            HttpSourceMetrics[] metrics = new HttpSourceMetrics[1];
            List<HttpPollResult> results = poll(endpoint, HttpSourceReaderTest.options(),
                    new HttpWindowSplit("events", 0L, 60_000L, 2, "c2", 1, false), metrics);
            assertThat(results).extracting(r -> r.record().page() + "/" + r.record().index() + " " + r.record().json())
                    .containsExactly("2/1 {\"id\":4}");
        }
    }

    @Test
    void tokenBucketMakesTheSecondRequestWaitForTheNextPeriod() throws Exception {
        try (FakeApiServer server = FakeApiServer.start()) {
            KmaTestApi.script(server);
            HttpEndpoint endpoint = KmaTestApi.endpoint(server, Files.writeString(dir.resolve("k"), KmaTestApi.SERVICE_KEY));
            HttpSourceOptions base = HttpSourceReaderTest.options();
            // One request per second: the second page, asked for milliseconds later, must wait for a permit.
            HttpSourceOptions onePerSecond = new HttpSourceOptions(base.windowSize(), base.startTime(), null,
                    base.publishDelay(), base.discoveryInterval(), 100, 1, Duration.ofSeconds(1), base.maxAttempts(),
                    base.initialBackoff(), base.maxBackoff(), base.jitterFactor(), base.maxRetryAfter(), base.connectTimeout(),
                    base.requestTimeout(), base.bodyExcerptChars(), base.maxBodyBytes(), base.bodyDeadline(),
                    base.retryLaterDelay(), base.retryLaterFor());
            HttpSourceMetrics[] metrics = new HttpSourceMetrics[1];
            List<HttpPollResult> results = poll(endpoint, onePerSecond,
                    HttpWindowSplit.unpolled(endpoint.id(), KmaTestApi.windowStart(8), KmaTestApi.windowStart(9)), metrics);
            assertThat(results).hasSize(8);
            assertThat(metrics[0].requests()).isEqualTo(2);
            assertThat(metrics[0].rateLimitWaits()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        assertThat(PageFetcher.parseRetryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(PageFetcher.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(PageFetcher.parseRetryAfter("soon")).isNull();
        assertThat(PageFetcher.parseRetryAfter(null)).isNull();
    }
}
