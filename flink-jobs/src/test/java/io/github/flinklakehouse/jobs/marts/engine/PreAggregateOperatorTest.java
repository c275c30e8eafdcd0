package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The local pre-aggregation: partial values per key and one batch per dimension value, flushed before watermarks,
 * barriers and the end of input.
 */
class PreAggregateOperatorTest {

    private static final long FLUSH_MILLIS = 1_000;
    private static final long LATENESS = 600_000;
    private static final long HOUR_10 = Instant.parse("2019-10-01T10:00:00Z").toEpochMilli();
    private static final long HOUR_11 = Instant.parse("2019-10-01T11:00:00Z").toEpochMilli();

    private final Visit.Hourly hourly = new Visit.Hourly();

    @Test
    void eventsPassThroughAndPartialsAreFlushedBeforeAWatermarkThatClosesABufferedKey() throws Exception {
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = harness(100)) {
            harness.open();
            List<Visit> visits = List.of(
                    Visit.of("2019-10-01T10:05:00Z", "home", "ann", 30),
                    Visit.of("2019-10-01T10:50:00Z", "home", "bob", 5),
                    Visit.of("2019-10-01T11:01:00Z", "cart", "ann", 7));
            for (Visit visit : visits) {
                harness.processElement(visit, visit.time);
            }
            assertThat(rows(harness)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(visits);
            assertThat(partials(harness)).as("buffered, not yet flushed").isEmpty();

            // Watermarks that close no buffered key pass without breaking the mini-batch up.
            long hour10Close = HOUR_11 - 1 + LATENESS;
            harness.processWatermark(new Watermark(hour10Close - 1));
            assertThat(partials(harness)).isEmpty();

            harness.processWatermark(new Watermark(hour10Close));
            List<Tuple2<Long, long[]>> flushed = partials(harness);
            assertThat(flushed).extracting(partial -> partial.f0).containsExactlyInAnyOrder(HOUR_10, HOUR_11);
            long[] ten = flushed.stream().filter(p -> p.f0 == HOUR_10).findFirst().orElseThrow().f1;
            assertThat(hourly.visits.of(ten)).isEqualTo(2);
            assertThat(hourly.spent.of(ten)).isEqualTo(35);
            assertThat(hourly.perQuarter.at(ten, 0)).isEqualTo(1);
            assertThat(hourly.perQuarter.at(ten, 3)).isEqualTo(1);
            assertThat(harness.getOutput()).last().isEqualTo(new Watermark(hour10Close));

            // Flushed means forgotten: the next watermark has nothing to send.
            harness.processWatermark(new Watermark(hour10Close + 1));
            assertThat(partials(harness)).isEmpty();
        }
    }

    @Test
    void aCheckpointBarrierTheEndOfInputAndTheFlushIntervalEachFlushTheBuffer() throws Exception {
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = harness(100)) {
            harness.open();
            harness.processElement(Visit.of("2019-10-01T10:05:00Z", "home", "ann", 30), HOUR_10);
            harness.prepareSnapshotPreBarrier(1L);
            assertThat(partials(harness)).hasSize(1);

            harness.processElement(Visit.of("2019-10-01T10:06:00Z", "home", "ann", 30), HOUR_10);
            harness.setProcessingTime(FLUSH_MILLIS);
            assertThat(partials(harness)).hasSize(1);

            harness.processElement(Visit.of("2019-10-01T10:07:00Z", "home", "ann", 30), HOUR_10);
            harness.endInput();
            assertThat(partials(harness)).singleElement().satisfies(p -> assertThat(hourly.visits.of(p.f1)).isOne());
        }
    }

    @Test
    void anEventThatWouldOverflowAPartialsSumStartsANewPartialOfTheSameKey() throws Exception {
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = harness(100)) {
            harness.open();
            harness.processElement(Visit.of("2019-10-01T10:05:00Z", "home", "ann", Long.MAX_VALUE - 5), HOUR_10);
            harness.processElement(Visit.of("2019-10-01T10:06:00Z", "home", "bob", 5), HOUR_10);
            harness.processElement(Visit.of("2019-10-01T10:07:00Z", "home", "cid", 6), HOUR_10);
            harness.processElement(Visit.of("2019-10-01T10:08:00Z", "home", "dan", 1), HOUR_10);
            harness.endInput();

            List<Tuple2<Long, long[]>> flushed = partials(harness);
            assertThat(flushed).extracting(p -> p.f0).containsOnly(HOUR_10);
            assertThat(flushed).extracting(p -> hourly.spent.of(p.f1)).containsExactly(Long.MAX_VALUE, 7L);
            assertThat(flushed).extracting(p -> hourly.visits.of(p.f1)).containsExactly(2L, 2L);
        }
    }

    @Test
    void moreKeysThanTheBoundAreFlushedEarly() throws Exception {
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = harness(10)) {
            harness.open();
            for (int hour = 0; hour < 2048; hour++) {
                harness.processElement(Visit.of(Instant.ofEpochMilli(hour * 3_600_000L).toString(), "p", "v", 1),
                        hour * 3_600_000L);
            }
            List<Tuple2<Long, long[]>> early = partials(harness);
            assertThat(early).as("flushed early, in batches of at least the bound").hasSizeGreaterThan(10);
            harness.endInput();
            assertThat(early.size() + partials(harness).size()).isEqualTo(2048);
        }
    }

    @Test
    void aValuesEventsInASubtaskCrossTheShuffleAsOneBatchWithTheirFlagsCombinedPerKey() throws Exception {
        Visit.PageFunnel funnel = new Visit.PageFunnel();
        DimensionPlan<Visit, String> visitors = DimensionPlan.of(Visit.VISITOR,
                List.of(hourly.aggregation, funnel.aggregation), List.of());
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = new OneInputStreamOperatorTestHarness<>(
                new PreAggregateOperator<>(List.of(hourly.aggregation), List.of(visitors), v -> v.time, FLUSH_MILLIS,
                        LATENESS, 100))) {
            harness.setProcessingTime(0);
            harness.open();
            List<Visit> visits = List.of(
                    Visit.of("2019-10-01T10:05:00Z", "home", "ann", 0),
                    Visit.of("2019-10-01T10:06:00Z", "home", "ann", 12),
                    Visit.of("2019-10-01T10:07:00Z", "home", "ann", 3),
                    Visit.of("2019-10-01T11:01:00Z", "cart", "ann", 0),
                    Visit.of("2019-10-01T10:08:00Z", "home", "bob", 0));
            for (Visit visit : visits) {
                harness.processElement(visit, visit.time);
            }
            assertThat(batches(harness, visitors)).as("buffered like the partial values").isEmpty();

            // The earliest buffered event (10:05) could count in a key that closes at 10:05 + lateness at the earliest.
            long firstPossibleClose = Instant.parse("2019-10-01T10:05:00Z").toEpochMilli() + LATENESS;
            harness.processWatermark(new Watermark(firstPossibleClose - 1));
            assertThat(batches(harness, visitors)).isEmpty();
            harness.processWatermark(new Watermark(firstPossibleClose));
            List<ValueBatch<String>> shipped = batches(harness, visitors);
            assertThat(shipped).extracting(ValueBatch::value).containsExactlyInAnyOrder("ann", "bob");
            ValueBatch<String> ann = shipped.stream().filter(b -> b.value().equals("ann")).findFirst().orElseThrow();
            // hours 10 and 11 (aggregation 0), home and cart on the day (aggregation 1): four entries for five events
            assertThat(ann.size()).isEqualTo(4);
            long day = Instant.parse("2019-10-01T00:00:00Z").toEpochMilli();
            assertThat(entries(ann, visitors)).containsExactlyInAnyOrder(
                    "0:" + HOUR_10 + ":1", "0:" + HOUR_11 + ":1",
                    "1:" + new Visit.PageDay("home", day) + ":" + (Visit.PageFunnel.VIEWED | Visit.PageFunnel.SPENT),
                    "1:" + new Visit.PageDay("cart", day) + ":" + Visit.PageFunnel.VIEWED);
            assertThat(harness.getOutput()).last().isEqualTo(new Watermark(firstPossibleClose));

            // What the stage receives is what the pre-aggregation sent, through the wire format.
            ValueBatchSerializer<String> serializer = (ValueBatchSerializer<String>) visitors.batchType()
                    .createSerializer(new SerializerConfigImpl());
            assertThat(described(serializer.copy(ann), visitors)).isEqualTo(described(ann, visitors));
            // A batch job's sorter copies spilled records as bytes: the copy reads exactly one batch; a batch read
            // keeps its entries encoded until the stage decodes them, and writes them again as they were.
            DataOutputSerializer written = new DataOutputSerializer(64);
            serializer.serialize(ann, written);
            serializer.serialize(ann, written);
            DataInputDeserializer twice = new DataInputDeserializer(written.getCopyOfBuffer());
            DataOutputSerializer copied = new DataOutputSerializer(64);
            serializer.copy(twice, copied);
            assertThat(twice.available()).as("the second batch left unread").isEqualTo(written.length() / 2);
            ValueBatch<String> read = serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
            assertThat(read.encoded()).as("entries still encoded").isNotNull();
            DataOutputSerializer again = new DataOutputSerializer(64);
            serializer.serialize(read, again);
            assertThat(again.getCopyOfBuffer()).isEqualTo(copied.getCopyOfBuffer());
            assertThat(described(read.decode(), visitors)).isEqualTo(described(ann, visitors));
        }
    }

    @Test
    void oneValueSeenInMoreKeysThanTheBoundIsFlushedEarlyToo() throws Exception {
        DimensionPlan<Visit, String> visitors = DimensionPlan.of(Visit.VISITOR, List.of(hourly.aggregation), List.of());
        try (OneInputStreamOperatorTestHarness<Visit, Visit> harness = new OneInputStreamOperatorTestHarness<>(
                new PreAggregateOperator<>(List.of(hourly.aggregation), List.of(visitors), v -> v.time, 0, LATENESS,
                        10))) {
            harness.open();
            for (int hour = 0; hour < 2048; hour++) {
                harness.processElement(Visit.of(Instant.ofEpochMilli(hour * 3_600_000L).toString(), "p", "ann", 1),
                        hour * 3_600_000L);
            }
            List<ValueBatch<String>> early = batches(harness, visitors);
            // One value, 2,048 keys: bounded by entries (checked every 1,024 events), not only by values.
            assertThat(early).as("flushed before the end of input").isNotEmpty();
            harness.endInput();
            List<ValueBatch<String>> all = new ArrayList<>(early);
            all.addAll(batches(harness, visitors));
            assertThat(all.stream().mapToInt(ValueBatch::size).sum()).as("every hour shipped once").isEqualTo(2048);
        }
    }

    /** Each entry as {@code aggregation:key:flags}, the key read back from its encoding. */
    private static List<String> entries(ValueBatch<String> batch, DimensionPlan<Visit, String> plan) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            KeyEncoder encoder = KeyEncoder.forType(
                    plan.counting().get(batch.aggregations[i]).aggregation().keyType().getTypeClass());
            entries.add(batch.aggregations[i] + ":" + batch.key(i, encoder) + ":" + batch.flags[i]);
        }
        return entries;
    }

    /** Everything a batch says: its value, entries in order and partials. */
    private static String described(ValueBatch<String> batch, DimensionPlan<Visit, String> plan) {
        return batch.value() + " " + entries(batch, plan) + " " + Arrays.deepToString(batch.martPartials);
    }

    private static <V> List<ValueBatch<V>> batches(OneInputStreamOperatorTestHarness<Visit, Visit> harness,
            DimensionPlan<Visit, V> plan) {
        Queue<StreamRecord<ValueBatch<V>>> side = harness.getSideOutput(plan.batchesTag());
        List<ValueBatch<V>> values = new ArrayList<>();
        if (side != null) {
            side.forEach(record -> values.add(record.getValue()));
            side.clear();
        }
        return values;
    }

    private OneInputStreamOperatorTestHarness<Visit, Visit> harness(int maxBufferedKeys) throws Exception {
        OneInputStreamOperatorTestHarness<Visit, Visit> harness = new OneInputStreamOperatorTestHarness<>(
                new PreAggregateOperator<>(List.of(hourly.aggregation), FLUSH_MILLIS, LATENESS, maxBufferedKeys));
        harness.setProcessingTime(0);
        return harness;
    }

    private List<Tuple2<Long, long[]>> partials(OneInputStreamOperatorTestHarness<Visit, Visit> harness) {
        Queue<StreamRecord<Tuple2<Long, long[]>>> side = harness.getSideOutput(MartSet.partialsTag(hourly.aggregation));
        List<Tuple2<Long, long[]>> values = new ArrayList<>();
        if (side != null) {
            side.forEach(record -> values.add(record.getValue()));
            side.clear();
        }
        return values;
    }
}
