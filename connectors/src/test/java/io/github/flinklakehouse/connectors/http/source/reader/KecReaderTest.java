package io.github.flinklakehouse.connectors.http.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.FakeApiServer;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.KecTestApi;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against a real local HTTP server answering in the KEC {@code trafficIc} format. */
class KecReaderTest {

    @TempDir static Path dir;
    private static FakeApiServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = FakeApiServer.start();
        KecTestApi.script(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static List<HttpPollResult> poll(HttpEndpoint endpoint) throws Exception {
        try (HttpSourceReader reader = HttpSourceReader.create(
                Map.of(endpoint.id(), endpoint), HttpSourceReaderTest.options(), new TestingReaderContext())) {
            reader.start();
            reader.addSplits(List.of(HttpWindowSplit.unpolled(endpoint.id(), 0L, 3_600_000L)));
            reader.notifyNoMoreSplits();
            return ReaderDriver.pollToEnd(reader, new TestingReaderOutput<>());
        }
    }

    @Test
    void followsPageSizeAcrossThreePages() throws Exception {
        Path key = Files.writeString(dir.resolve("valid.key"), KecTestApi.VALID_KEY);
        List<HttpPollResult> results = poll(KecTestApi.endpoint("kec-traffic-ic", server, key, "1"));
        assertThat(results).extracting(r -> r.record().json()).containsExactlyElementsOf(KecTestApi.RECORDS);
        assertThat(results).extracting(r -> r.record().page() + "/" + r.record().index())
                .containsExactly("1/0", "1/1", "2/0", "2/1", "3/0");
    }

    @Test
    void emptyListEndsTheWindowWithoutRecordsOrDeadLetters() throws Exception {
        Path key = Files.writeString(dir.resolve("valid2.key"), KecTestApi.VALID_KEY);
        assertThat(poll(KecTestApi.endpoint("kec-15min", server, key, "2"))).isEmpty();
    }

    @Test
    void invalidKeyBecomesOneRedactedDeadLetter() throws Exception {
        Path key = Files.writeString(dir.resolve("wrong.key"), "wrong-key-9999");
        List<HttpPollResult> results = poll(KecTestApi.endpoint("kec-bad-key", server, key, "1"));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.isRecord()).isFalse();
            assertThat(r.deadLetter().reason()).isEqualTo(HttpFailureReason.API_ERROR);
            assertThat(r.deadLetter().message()).isEqualTo("code=ERROR message=인증키가 유효하지 않습니다.");
            assertThat(r.deadLetter().url()).contains("key=***").doesNotContain("wrong-key-9999");
            assertThat(r.deadLetter().payload()).isEqualTo(
                    "{\"count\":0,\"list\":null,\"message\":\"인증키가 유효하지 않습니다.\",\"code\":\"ERROR\"}");
        });
    }
}
