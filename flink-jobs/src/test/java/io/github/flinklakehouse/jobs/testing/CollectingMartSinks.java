package io.github.flinklakehouse.jobs.testing;

import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Mart sinks that collect every emitted row per table, for MiniCluster tests. */
public final class CollectingMartSinks implements MartSinks {

    private final Map<String, CollectingSink<?>> sinks = new ConcurrentHashMap<>();

    @Override
    public <R> SinkBinding<R> sinkFor(MartTable<R> table) {
        return SinkBinding.of(sink(table));
    }

    /** Every row emitted for {@code table}, in arrival order (an upsert table keeps the last per key). */
    public <R> List<R> rows(MartTable<R> table) {
        return sink(table).results();
    }

    @SuppressWarnings("unchecked")
    private <R> CollectingSink<R> sink(MartTable<R> table) {
        return (CollectingSink<R>) sinks.computeIfAbsent(table.name(), name -> new CollectingSink<R>());
    }
}
