package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.backfill.RawEventRowConverter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * An ingested event keeps every field, quantity and revenue included, through the hand-written serializer (network,
 * state) and through a raw-table row and back (what a lake backfill reads).
 */
class IngestedClickEventRoundTripTest {

    private static final Instant T = Instant.parse("2025-01-10T12:30:15.123456Z");

    private static final List<IngestedClickEvent> EVENTS = List.of(
            new IngestedClickEvent(new ClickEvent(T, EventType.VIEW, 44600062L, 2103807459595387724L, null, "shiseido",
                    new BigDecimal("35.79"), 541312140L, "session", null), "kafka", "t/0/1", T.plusSeconds(1)),
            new IngestedClickEvent(new ClickEvent(T, EventType.PURCHASE, 45L, 0L, "app.home", null,
                    new BigDecimal("29000.00"), 123L, "s", "e-1", "mobile", "KR", "seoul", null, 3,
                    new BigDecimal("87000.00")), "file", "file:/a.jsonl:7", T.plusSeconds(2)),
            new IngestedClickEvent(new ClickEvent(T, EventType.CART, 1L, 2L, null, null, new BigDecimal("0.00"), 3L,
                    "s", null, null, null, null, null, null, new BigDecimal("1234567890123456.78")), "kafka", "t/1/9",
                    T),
            new IngestedClickEvent(new ClickEvent(T, EventType.CART, 1L, 2L, null, null, new BigDecimal("1.00"), 3L,
                    "s", null, null, null, null, null, 0, null), "kafka", "t/1/10", T));

    @Test
    void theSerializerKeepsEveryFieldAndADatasetEventCostsOneByteMore() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (IngestedClickEvent event : EVENTS) {
            out.clear();
            IngestedClickEventSerializer.INSTANCE.serialize(event, out);
            DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
            assertThat(IngestedClickEventSerializer.INSTANCE.deserialize(in)).isEqualTo(event);
            assertThat(in.available()).isZero();
        }
        out.clear();
        IngestedClickEventSerializer.INSTANCE.serialize(EVENTS.get(0), out);
        // 127 bytes before quantity and revenue were added: a dataset event pays one flag byte for them.
        assertThat(out.length()).isEqualTo(128);
    }

    @Test
    void aRawTableRowReadsBackIntoTheSameEvent() {
        ClickEventRows rows = new ClickEventRows();
        RawEventRowConverter converter = new RawEventRowConverter();
        for (IngestedClickEvent event : EVENTS) {
            assertThat(converter.apply(rows.map(event))).isEqualTo(event);
        }
    }
}
