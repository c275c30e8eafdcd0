package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import io.github.flinklakehouse.jobs.testing.HarnessRecords;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The SCD Type 2 rule of {@code dim_user} event by event, behind the job's real late filter ({@link OnTimeEvents}):
 * which rows are written when, which key every fact gets, and that a user's state shrinks to its current version.
 */
class UserVersionsFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final long USER = 7;

    @Test
    void changesOutOfOrderEventsAndALateChangeInsideTheLatenessGiveTheExactHistoryAndEveryFactItsVersion()
            throws Exception {
        try (Chain chain = new Chain()) {
            chain.send("a", "10:00", "mobile");
            chain.send("b", "10:20", "desktop");
            chain.send("c", "10:10", "mobile");   // out of order, agrees with the version it falls into
            chain.watermark("10:09:59");
            assertThat(chain.rows()).as("nothing is settled before event time + lateness").isEmpty();
            chain.watermark("10:10");
            assertThat(chain.rows()).containsExactly(open("10:00", "mobile"));
            assertThat(chain.facts()).containsExactly("a@" + key("10:00"));

            chain.watermark("10:25");
            assertThat(chain.rows()).isEmpty();
            assertThat(chain.facts()).containsExactly("c@" + key("10:00"));

            chain.send("d", "10:16", "tablet");   // a late change inside the lateness: splits mobile [10:00, 10:20)
            chain.send("e", "10:30", "desktop");
            chain.watermark("10:40");
            assertThat(chain.rows()).containsExactly(
                    closed("10:00", "10:16", "mobile"),  // written again, closed: the row written at 10:10 is replaced
                    closed("10:16", "10:20", "tablet"),
                    open("10:20", "desktop"));
            assertThat(chain.facts()).containsExactly("d@" + key("10:16"), "b@" + key("10:20"), "e@" + key("10:20"));

            chain.send("f", "10:25", "mobile");   // beyond the lateness: the job's late filter takes it
            assertThat(chain.late()).containsExactly("f");
            chain.watermark("23:00");
            assertThat(chain.rows()).isEmpty();
            assertThat(chain.facts()).isEmpty();
            assertThat(chain.users.numKeyedStateEntries()).as("only the settled current version").isEqualTo(1);
            assertThat(chain.users.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aChangeBackMergesNothingAndTwoEventsAtTheSameMillisecondAgreeWhateverTheirOrder() throws Exception {
        List<List<DimUserRow>> runs = new ArrayList<>();
        for (boolean tabletFirst : new boolean[] {true, false}) {
            try (Chain chain = new Chain()) {
                chain.send("a", "10:00", "mobile");
                if (tabletFirst) {
                    chain.send("b", "10:05", "tablet");
                    chain.send("c", "10:05", "desktop");
                } else {
                    chain.send("c", "10:05", "desktop");
                    chain.send("b", "10:05", "tablet");
                }
                chain.send("d", "10:07", "mobile");
                chain.watermark("23:00");
                runs.add(chain.rows());
                assertThat(chain.facts()).as("both events at 10:05 belong to the version valid then")
                        .containsExactlyInAnyOrder("a@" + key("10:00"), "b@" + key("10:05"), "c@" + key("10:05"),
                                "d@" + key("10:07"));
            }
        }
        // "tablet" > "desktop": the greatest attribute list at one millisecond counts.
        assertThat(runs.get(0)).containsExactly(closed("10:00", "10:05", "mobile"), closed("10:05", "10:07", "tablet"),
                open("10:07", "mobile"));
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void pendingEventsFactsAndTheSettledVersionSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (Chain chain = new Chain()) {
            chain.send("a", "10:00", "mobile");
            chain.send("b", "10:20", "desktop");
            chain.watermark("10:10");
            assertThat(chain.rows()).containsExactly(open("10:00", "mobile"));
            assertThat(chain.facts()).containsExactly("a@" + key("10:00"));
            snapshot = chain.users.snapshot(1L, 1L);
        }
        try (Chain restored = new Chain(snapshot)) {
            restored.send("c", "10:15", "tablet");
            restored.watermark("23:00");
            assertThat(restored.rows()).containsExactly(closed("10:00", "10:15", "mobile"),
                    closed("10:15", "10:20", "tablet"), open("10:20", "desktop"));
            assertThat(restored.facts()).containsExactly("c@" + key("10:15"), "b@" + key("10:20"));
        }
    }

    private static DimUserRow open(String from, String device) {
        return new DimUserRow(key(from), USER, new String[] {device, "KR"}, at(from), null);
    }

    private static DimUserRow closed(String from, String to, String device) {
        return new DimUserRow(key(from), USER, new String[] {device, "KR"}, at(from), at(to));
    }

    private static long key(String from) {
        return SurrogateKeys.userKey(USER, at(from).toEpochMilli());
    }

    private static Instant at(String time) {
        return Instant.parse("2025-01-10T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    /** The job's late filter followed by the user-versions function, fed the same watermarks. */
    private static final class Chain implements AutoCloseable {
        final OneInputStreamOperatorTestHarness<WarehouseEvent, WarehouseEvent> onTime;
        final KeyedOneInputStreamOperatorTestHarness<Long, WarehouseEvent, DimUserRow> users;
        private final OnTimeEvents<WarehouseEvent> filter = new OnTimeEvents<>(LATENESS,
                WarehouseEvent::eventTimeMillis, TypeInformation.of(WarehouseEvent.class));

        Chain() throws Exception {
            this(null);
        }

        /** A chain whose user-versions function starts from {@code restored} ({@code null}: empty). */
        Chain(OperatorSubtaskState restored) throws Exception {
            onTime = ProcessFunctionTestHarnesses.forProcessFunction(filter);
            users = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new UserVersionsFunction(LATENESS)),
                    event -> event.fact.userId(), Types.LONG);
            if (restored != null) {
                users.initializeState(restored);
            }
            users.open();
        }

        void send(String id, String time, String device) throws Exception {
            FactUserEventRow fact = new FactUserEventRow(id, at(time), "view", 0, USER, 1, 45, "s", null, null);
            WarehouseEvent event = WarehouseEvent.of(fact, null, null, BigDecimal.ONE, device, "KR");
            onTime.processElement(event, at(time).toEpochMilli());
            for (WarehouseEvent passed : HarnessRecords.drain(onTime)) {
                users.processElement(passed, passed.eventTimeMillis());
            }
        }

        void watermark(String time) throws Exception {
            onTime.processWatermark(at(time).toEpochMilli());
            users.processWatermark(at(time).toEpochMilli());
        }

        List<DimUserRow> rows() {
            return HarnessRecords.drain(users);
        }

        List<String> facts() {
            List<String> facts = new ArrayList<>();
            var output = users.getSideOutput(UserVersionsFunction.FACTS);
            if (output != null) {
                for (StreamRecord<FactUserEventRow> record : output) {
                    facts.add(record.getValue().eventId() + "@" + record.getValue().userKey());
                }
                output.clear();
            }
            return facts;
        }

        List<String> late() {
            List<String> late = new ArrayList<>();
            var output = onTime.getSideOutput(filter.lateEvents());
            if (output != null) {
                output.forEach(record -> late.add(record.getValue().fact.eventId()));
            }
            return late;
        }

        @Override
        public void close() throws Exception {
            onTime.close();
            users.close();
        }
    }
}
