package io.github.flinklakehouse.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDeadLetterTest {

    @Test
    void mapsToTheSharedDeadLetterWithItsOrigin() {
        String xml = ApiSamples.read(ApiSamples.KMA_INVALID_KEY_XML);
        HttpDeadLetter dead = new HttpDeadLetter("kma-ncst", 1_599_260_400_000L, 1_599_264_000_000L, 1,
                "http://apis.data.go.kr/x?serviceKey=***&pageNo=1", 200, HttpFailureReason.GATEWAY_ERROR,
                "returnReasonCode=30", xml, 1_700_000_000_000L);

        assertThat(dead.toDeadLetter()).isEqualTo(new DeadLetter(
                "GATEWAY_ERROR",
                "HTTP 200: returnReasonCode=30",
                xml.getBytes(StandardCharsets.UTF_8),
                "http",
                "kma-ncst@1599260400000/page 1 http://apis.data.go.kr/x?serviceKey=***&pageNo=1",
                Instant.ofEpochMilli(1_700_000_000_000L)));
    }
}
