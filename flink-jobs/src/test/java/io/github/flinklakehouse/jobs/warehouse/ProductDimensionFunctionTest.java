package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.testing.HarnessRecords;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** {@code dim_product} on a keyed harness: event-time order decides, one row per product and watermark. */
class ProductDimensionFunctionTest {

    @Test
    void latestPriceFirstAndLastSeenFollowEventTimeNotArrival() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, WarehouseEvent, DimProductRow> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ProductDimensionFunction(),
                        event -> event.fact.productId(), Types.LONG)) {
            send(harness, "10:00", "10.00", "phones");
            send(harness, "10:30", "12.00", "phones.smart");
            assertThat(HarnessRecords.drain(harness)).as("nothing before the watermark moves").isEmpty();
            harness.processWatermark(at("10:30").toEpochMilli());
            assertThat(HarnessRecords.drain(harness)).containsExactly(row("12.00", "phones.smart", "10:00", "10:30"));

            send(harness, "09:00", "8.00", "old");     // earlier: first seen moves, the latest price does not
            send(harness, "10:30", "11.00", "tie");    // same time, lower price: ignored
            send(harness, "10:30", "13.00", "tie-up"); // same time, higher price: the greatest wins
            harness.processWatermark(at("10:31").toEpochMilli());
            assertThat(HarnessRecords.drain(harness)).containsExactly(row("13.00", "tie-up", "09:00", "10:30"));
            harness.processWatermark(at("11:00").toEpochMilli());
            assertThat(HarnessRecords.drain(harness)).as("unchanged: not written again").isEmpty();
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<Long, WarehouseEvent, DimProductRow> harness,
            String time, String price, String category) throws Exception {
        FactUserEventRow fact = new FactUserEventRow("e", at(time), "view", 0, 1, SurrogateKeys.productKey(45), 45, "s",
                null, null);
        harness.processElement(WarehouseEvent.of(fact, category, "acme", new BigDecimal(price)), at(time).toEpochMilli());
    }

    private static DimProductRow row(String price, String category, String first, String last) {
        return new DimProductRow(SurrogateKeys.productKey(45), 45, category, "acme", new BigDecimal(price), at(first),
                at(last));
    }

    private static Instant at(String time) {
        return Instant.parse("2025-01-10T" + time + ":00Z");
    }
}
