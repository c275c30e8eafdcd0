package io.github.flinklakehouse.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.response.KecRecordExtractor;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

class HttpSourceBuilderTest {

    private static final Instant START = Instant.parse("2026-09-19T00:00:00Z");

    private static HttpSourceBuilder valid() {
        return HttpSource.builder()
                .addEndpoint(HttpEndpoint.builder("kec").baseUrl("http://data.ex.co.kr").path("/openapi/trafficapi/trafficIc")
                        .extractor(new KecRecordExtractor("trafficIc")).build())
                .windowSize(Duration.ofHours(1))
                .startTime(START);
    }

    @Test
    void anEndTimeMakesTheSourceBounded() {
        assertThat(valid().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        HttpSource backfill = valid().endTime(START.plus(Duration.ofDays(1))).build();
        assertThat(backfill.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(backfill.options().maxAttempts()).isEqualTo(5);
    }

    @Test
    void invalidOptionsAreNamedInTheMessage() {
        assertThatThrownBy(() -> valid().endTime(START.plus(Duration.ofMinutes(90))).build())
                .hasMessage("HTTP source option 'endTime' endTime - startTime must be a whole number of windows of PT1H");
        assertThatThrownBy(() -> valid().publishDelay(Duration.ofMinutes(-61)).build())
                .hasMessage("HTTP source option 'publishDelay' must be at least -windowSize"
                        + " (a window cannot be polled before it starts)");
        assertThat(valid().publishDelay(Duration.ofMinutes(-45)).build().options().publishDelay())
                .isEqualTo(Duration.ofMinutes(-45));
        assertThatThrownBy(() -> valid().windowSize(Duration.ZERO).build())
                .hasMessage("HTTP source option 'windowSize' must be a positive duration");
        assertThatThrownBy(() -> valid().retries(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 0.1).build())
                .hasMessage("HTTP source option 'retries.maxAttempts' must be at least 1");
        assertThatThrownBy(() -> valid().rateLimit(0, Duration.ofSeconds(1)).build())
                .hasMessage("HTTP source option 'rateLimit' needs positive permits and period");
        assertThatThrownBy(() -> HttpSource.builder().windowSize(Duration.ofHours(1)).startTime(START).build())
                .hasMessage("HTTP source option 'endpoints' add at least one endpoint");
        assertThatThrownBy(() -> valid().addEndpoint(HttpEndpoint.builder("kec").baseUrl("http://x.test")
                        .extractor(new KecRecordExtractor("list")).build()))
                .hasMessage("HTTP source: endpoint id 'kec' is used twice");
    }
}
