package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

/** Measures, their layout and how partial values merge. */
class AggregationTest {

    private final Visit.Hourly hourly = new Visit.Hourly();

    @Test
    void eventMeasuresAddEventsAndPartialsMergeInAnyOrderToTheSameValues() {
        Visit a = Visit.of("2019-10-01T10:05:00Z", "home", "ann", 30);
        Visit b = Visit.of("2019-10-01T10:20:00Z", "home", "bob", 5);
        Visit c = Visit.of("2019-10-01T10:05:00Z", "cart", "cid", 7);

        long[] all = hourly.aggregation.newValues();
        for (Visit visit : new Visit[] {a, b, c}) {
            hourly.aggregation.addEvent(all, visit);
        }
        long[] first = hourly.aggregation.newValues();
        hourly.aggregation.addEvent(first, b);
        long[] second = hourly.aggregation.newValues();
        hourly.aggregation.addEvent(second, c);
        hourly.aggregation.addEvent(second, a);
        long[] merged = hourly.aggregation.newValues();
        hourly.aggregation.merge(merged, second);
        hourly.aggregation.merge(merged, first);

        assertThat(merged).containsExactly(all);
        assertThat(hourly.visits.of(all)).isEqualTo(3);
        assertThat(hourly.spent.of(all)).isEqualTo(42);
        assertThat(hourly.smallest.of(all)).isEqualTo(5);
        assertThat(hourly.largest.of(all)).isEqualTo(30);
        // Two visits at 10:05: the smaller amount wins the tie, whatever came first.
        assertThat(hourly.firstAmount.valueOf(all)).isEqualTo(7);
        assertThat(hourly.perQuarter.at(all, 0)).isEqualTo(2);
        assertThat(hourly.perQuarter.at(all, 1)).isEqualTo(1);
        assertThat(hourly.perQuarter.at(all, 3)).isZero();
        // Distinct counts come from the visitor stage, never from events by themselves.
        assertThat(hourly.visitors.of(all)).isZero();
    }

    @Test
    void theIdentityChangesNothingAndIsRecognised() {
        long[] values = hourly.aggregation.newValues();
        assertThat(hourly.aggregation.isIdentity(values)).isTrue();
        hourly.aggregation.addEvent(values, Visit.of("2019-10-01T10:05:00Z", "home", "ann", 30));
        long[] before = values.clone();
        hourly.aggregation.merge(values, hourly.aggregation.newValues());
        assertThat(values).containsExactly(before);
        assertThat(hourly.aggregation.isIdentity(values)).isFalse();
    }

    @Test
    void sumsNeverWrapNothingIsMergedOrAddedWhenOneWouldOverflow() {
        long[] values = hourly.aggregation.newValues();
        values[hourly.spent.offset()] = Long.MAX_VALUE;
        long[] before = values.clone();
        long[] partial = hourly.aggregation.newValues();
        partial[hourly.visits.offset()] = 1;
        partial[hourly.spent.offset()] = 1;

        assertThat(hourly.aggregation.merge(values, partial)).isFalse();
        assertThat(hourly.aggregation.addEvent(values, Visit.of("2019-10-01T10:05:00Z", "home", "ann", 1))).isFalse();
        assertThat(values).containsExactly(before);

        values[hourly.spent.offset()] = Long.MIN_VALUE;
        assertThat(hourly.aggregation.addEvent(values, Visit.of("2019-10-01T10:05:00Z", "home", "ann", -1))).isFalse();
        assertThat(hourly.aggregation.addEvent(values, Visit.of("2019-10-01T10:05:00Z", "home", "ann", 1))).isTrue();
        assertThat(hourly.spent.of(values)).isEqualTo(Long.MIN_VALUE + 1);
    }

    @Test
    void closeTimeIsThePeriodEndMinusOneMillisecondPlusTheLatenessWithoutOverflow() {
        assertThat(hourly.aggregation.closeTime(0L, 600_000)).isEqualTo(3_600_000 - 1 + 600_000);
        assertThat(hourly.aggregation.closeTime(Long.MAX_VALUE - 3_600_000, 600_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void declarationsAreCheckedWhenTheyAreMade() {
        Aggregation.Builder<Visit, Long> builder = Aggregation.builder("checked", Types.LONG,
                (visit, keys) -> keys.accept(visit.time), key -> key);
        builder.count("visits");
        assertThatThrownBy(() -> builder.count("visits")).hasMessageContaining("already has a measure visits");
        builder.distinctOver(Visit.VISITOR, v -> 1);
        assertThatThrownBy(() -> builder.distinctOver(Visit.VISITOR, v -> 2))
                .hasMessageContaining("already counts dimension visitor");
        builder.build();
        assertThatThrownBy(() -> builder.count("more")).hasMessageContaining("already built");
        assertThatThrownBy(() -> Aggregation.builder("Bad Name", Types.LONG, (Visit v, java.util.function.Consumer<Long> k) -> { },
                key -> key)).hasMessageContaining("must match");
        Aggregation.Builder<Visit, org.apache.flink.api.java.tuple.Tuple2<Long, Long>> tupleKeys = Aggregation.builder(
                "tuple-keys", Types.TUPLE(Types.LONG, Types.LONG), (v, k) -> { }, key -> key.f0);
        tupleKeys.distinct("visitors", Visit.VISITOR);
        assertThatThrownBy(tupleKeys::build).as("a mutable key could change under the state holding it")
                .hasMessageContaining("a record of those, not org.apache.flink.api.java.tuple.Tuple2");
        assertThatThrownBy(() -> Aggregation.builder("empty", Types.LONG, (Visit v, java.util.function.Consumer<Long> k) -> { },
                key -> key).build()).hasMessageContaining("has no measure");
    }
}
