package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The freshness benchmark's bookkeeping. The producer {@link #produced records every event}: per probe and row it
 * keeps the value the row must reach, and every {@code sampleEvery}-th event becomes a sample of every probe that
 * counts it and of the raw table. The poller {@link #poll resolves} samples whose row (or the raw table's committed
 * record count) reached the value: production → visible is the time between the two.
 */
final class FreshnessTracker {

    /** The raw table, reported beside the marts. */
    static final String RAW = "raw.clickstream_events (committed)";

    private record Sample(long target, long producedNanos) {
    }

    private final List<FreshnessProbe> probes;
    private final long sampleEvery;
    private final LongSupplier clock;
    private final List<Map<List<Object>, Long>> counts = new ArrayList<>();
    private final List<Map<List<Object>, Set<Object>>> distincts = new ArrayList<>();
    /** Per probe: pending samples per row, oldest first. */
    private final List<Map<List<Object>, List<Sample>>> pending = new ArrayList<>();
    private final List<Sample> pendingRaw = new ArrayList<>();
    private final Map<String, List<Long>> latenciesNanos = new LinkedHashMap<>();
    private long produced;

    FreshnessTracker(List<FreshnessProbe> probes, long sampleEvery, LongSupplier clock) {
        this.probes = List.copyOf(probes);
        this.sampleEvery = sampleEvery;
        this.clock = clock;
        for (FreshnessProbe probe : probes) {
            counts.add(new HashMap<>());
            distincts.add(new HashMap<>());
            pending.add(new LinkedHashMap<>());
            latenciesNanos.put(probe.mart(), new ArrayList<>());
        }
        latenciesNanos.put(RAW, new ArrayList<>());
    }

    /** Records {@code event}, just handed to Kafka. */
    synchronized void produced(ClickEvent event) {
        produced++;
        boolean sample = produced % sampleEvery == 0;
        long now = sample ? clock.getAsLong() : 0;
        for (int i = 0; i < probes.size(); i++) {
            FreshnessProbe probe = probes.get(i);
            List<Object> row = probe.rowOf().apply(event);
            if (row == null) {
                continue;
            }
            long value;
            if (probe.distinctOf() == null) {
                value = counts.get(i).merge(row, 1L, Long::sum);
            } else {
                Set<Object> seen = distincts.get(i).computeIfAbsent(row, r -> new HashSet<>());
                seen.add(probe.distinctOf().apply(event));
                value = seen.size();
            }
            if (sample) {
                pending.get(i).computeIfAbsent(row, r -> new ArrayList<>()).add(new Sample(value, now));
            }
        }
        if (sample) {
            pendingRaw.add(new Sample(produced, now));
        }
    }

    /** Events recorded so far. */
    synchronized long producedEvents() {
        return produced;
    }

    /**
     * Resolves every pending sample that is visible now: queries each pending row once, and compares the raw
     * table's {@code committedRecords}.
     */
    void poll(Connection connection, long committedRecords) throws SQLException {
        List<Map.Entry<Integer, List<Object>>> rows = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < probes.size(); i++) {
                for (List<Object> row : pending.get(i).keySet()) {
                    rows.add(Map.entry(i, row));
                }
            }
        }
        for (Map.Entry<Integer, List<Object>> entry : rows) {
            long value = valueOf(connection, probes.get(entry.getKey()), entry.getValue());
            long now = clock.getAsLong();
            synchronized (this) {
                resolve(pending.get(entry.getKey()).get(entry.getValue()), value, now,
                        latenciesNanos.get(probes.get(entry.getKey()).mart()));
                pending.get(entry.getKey()).values().removeIf(List::isEmpty);
            }
        }
        long now = clock.getAsLong();
        synchronized (this) {
            resolve(pendingRaw, committedRecords, now, latenciesNanos.get(RAW));
        }
    }

    private static void resolve(List<Sample> samples, long value, long now, List<Long> latencies) {
        if (samples == null) {
            return;
        }
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            Sample sample = it.next();
            if (sample.target() <= value) {
                latencies.add(now - sample.producedNanos());
                it.remove();
            }
        }
    }

    private static long valueOf(Connection connection, FreshnessProbe probe, List<Object> row) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(probe.sql())) {
            for (int p = 0; p < row.size(); p++) {
                query.setObject(p + 1, row.get(p));
            }
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return 0; // the job has not created the table yet
                }
                throw e;
            }
        }
    }

    /** Samples still waiting, all probes and the raw table together. */
    synchronized long pendingSamples() {
        long waiting = pendingRaw.size();
        for (Map<List<Object>, List<Sample>> rows : pending) {
            for (List<Sample> samples : rows.values()) {
                waiting += samples.size();
            }
        }
        return waiting;
    }

    /** Per mart (then the raw table): the latencies of resolved samples and the number never resolved. */
    synchronized Map<String, FreshnessReport.Latencies> results() {
        Map<String, FreshnessReport.Latencies> results = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            long unresolved = pending.get(i).values().stream().mapToLong(List::size).sum();
            results.put(probes.get(i).mart(), FreshnessReport.Latencies.of(latenciesNanos.get(probes.get(i).mart()),
                    unresolved));
        }
        results.put(RAW, FreshnessReport.Latencies.of(latenciesNanos.get(RAW), pendingRaw.size()));
        return results;
    }
}
