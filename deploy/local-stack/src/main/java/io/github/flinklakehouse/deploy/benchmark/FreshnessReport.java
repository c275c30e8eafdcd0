package io.github.flinklakehouse.deploy.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the freshness benchmark measured: production → visible per mart and production → committed in the raw
 * table, as percentiles of the samples, with the settings that bound them.
 *
 * @param rate the events per second asked of the producer
 * @param producedEvents events produced
 * @param producedPerSecond events per second the producer reached
 * @param duration how long it produced
 * @param checkpointInterval the job's checkpoint interval (raw commits happen on checkpoints)
 * @param flushInterval the marts' flush interval (an open row is written at most this often)
 * @param pollInterval how often the benchmark looked (a resolution of the figures)
 * @param latencies per mart, then the raw table
 * @param loadAverage the machine's load average at the start
 * @param soak a soak's samples, oldest first (empty without a soak)
 * @param verdict a soak's verdict, null without a soak
 */
public record FreshnessReport(double rate, long producedEvents, double producedPerSecond, Duration duration,
        Duration checkpointInterval, Duration flushInterval, Duration pollInterval, Map<String, Latencies> latencies,
        String loadAverage, List<SoakSample> soak, SoakVerdict verdict) {

    /**
     * Percentiles of one mart's samples, in milliseconds.
     *
     * @param samples resolved samples
     * @param unresolved samples never visible before the benchmark stopped waiting
     */
    public record Latencies(int samples, long p50, long p95, long p99, long max, long unresolved) {

        static Latencies of(List<Long> nanos, long unresolved) {
            List<Long> sorted = new ArrayList<>(nanos);
            sorted.sort(null);
            return new Latencies(sorted.size(), millis(sorted, 0.50), millis(sorted, 0.95), millis(sorted, 0.99),
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1_000_000, unresolved);
        }

        /** Nearest-rank percentile. */
        private static long millis(List<Long> sorted, double quantile) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(quantile * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1) / 1_000_000;
        }
    }

    /** Whether every sample became visible and, in a soak, nothing grew, was lost or doubled. */
    public boolean complete() {
        return latencies.values().stream().allMatch(l -> l.unresolved() == 0 && l.samples() > 0)
                && (verdict == null || verdict.passed());
    }

    /** The report as printed. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nFreshness: %,d events produced in %s (%,.0f events/s, asked %,.0f)%n",
                producedEvents, ReportSections.clock(duration), producedPerSecond, rate));
        text.append(String.format(Locale.ROOT, "checkpoint interval %s, marts flush interval %s, polled every %s;"
                + " load average at start %s%n", checkpointInterval, flushInterval, pollInterval, loadAverage));
        text.append(String.format(Locale.ROOT, "%-36s %8s %9s %9s %9s %9s %10s%n", "production -> visible in",
                "samples", "p50 ms", "p95 ms", "p99 ms", "max ms", "not seen"));
        latencies.forEach((mart, l) -> text.append(String.format(Locale.ROOT, "%-36s %,8d %,9d %,9d %,9d %,9d %,10d%n",
                mart, l.samples(), l.p50(), l.p95(), l.p99(), l.max(), l.unresolved())));
        if (verdict != null) {
            text.append(renderSoak());
        }
        return text.toString();
    }

    private String renderSoak() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nSoak samples (heap: the TaskManager's low"
                + " point of the interval; state: latest checkpoint)%n%8s %12s %10s %10s %9s %10s %10s %8s %10s %9s%n",
                "elapsed", "produced", "heap MiB", "state MiB", "ckpt ms", "TM RSS MiB", "JM RSS MiB", "TM fds",
                "data files", "snapshots"));
        for (SoakSample s : soak) {
            text.append(String.format(Locale.ROOT, "%7ds %,12d %,10d %,10d %,9d %,10d %,10d %,8d %,10d %,9d%n",
                    s.elapsedSeconds(), s.producedEvents(), mib(s.heapLowBytes()), mib(s.stateBytes()),
                    s.checkpointMillis(), mib(s.rssBytes().getOrDefault(StackService.FLINK_TASKMANAGER, -1L)),
                    mib(s.rssBytes().getOrDefault(StackService.FLINK_JOBMANAGER, -1L)),
                    s.openFiles().getOrDefault(StackService.FLINK_TASKMANAGER, -1L), s.dataFiles(), s.snapshots()));
        }
        text.append(renderStatePerOperator());
        text.append(String.format(Locale.ROOT, "heap after warm-up: %s; state after warm-up: %s%n",
                verdict.heapGrowing() ? "KEEPS GROWING" : "bounded", verdict.stateGrowing() ? "KEEPS GROWING" : "bounded"));
        text.append(String.format(Locale.ROOT, "events: %,d produced, %,d committed to the raw table, %,d counted in"
                + " traffic_hourly: %s%n", verdict.producedEvents(), verdict.committedEvents(), verdict.countedEvents(),
                verdict.exactlyOnce() ? "every event exactly once" : "LOST OR DOUBLED"));
        return text.toString();
    }

    /** Each operator chain's state at the first post-warm-up sample and at the end, largest growth first. */
    private String renderStatePerOperator() {
        Map<String, Long> first = soak.get(soak.size() / 3).stateBytesPerOperator();
        Map<String, Long> last = soak.get(soak.size() - 1).stateBytesPerOperator();
        if (last.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nState per operator chain (MiB, after "
                + "warm-up -> end)%n"));
        last.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue() - first.getOrDefault(b.getKey(), 0L),
                        a.getValue() - first.getOrDefault(a.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .forEach(e -> text.append(String.format(Locale.ROOT, "%10.1f -> %10.1f  %s%n",
                        first.getOrDefault(e.getKey(), 0L) / (1024.0 * 1024.0), e.getValue() / (1024.0 * 1024.0),
                        abbreviate(e.getKey()))));
        return text.toString();
    }

    private static String abbreviate(String vertexName) {
        return vertexName.length() <= 100 ? vertexName : vertexName.substring(0, 97) + "...";
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024 * 1024);
    }

    /** Writes the report as JSON to {@code file}. */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", "freshness");
        json.put("rateAsked", rate);
        json.put("producedEvents", producedEvents);
        json.put("producedPerSecond", producedPerSecond);
        json.put("durationSeconds", duration.toMillis() / 1000.0);
        json.put("checkpointIntervalMillis", checkpointInterval.toMillis());
        json.put("flushIntervalMillis", flushInterval.toMillis());
        json.put("pollIntervalMillis", pollInterval.toMillis());
        json.put("loadAverage", loadAverage);
        json.put("latenciesMillis", latencies);
        if (verdict != null) {
            json.put("soakSamples", soak);
            json.put("soakVerdict", verdict);
            json.put("soakPassed", verdict.passed());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
