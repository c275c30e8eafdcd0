package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, while a benchmark runs, the TaskManagers' heap use through Flink's REST API and the CPU time of every
 * stack process (with its child processes, e.g. PostgreSQL's backends); {@link #stop()} returns the figures,
 * including each Flink process's peak RSS.
 */
final class ResourceSampler {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);
    static final String HEAP_USED = "Status.JVM.Memory.Heap.Used";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /**
     * What the sampler saw.
     *
     * @param maxHeapUsedBytes largest TaskManager heap use seen, -1 when no sample arrived
     * @param heapSamples how many distinct heap values were seen (Flink refreshes them every 10 s by default)
     * @param cpu CPU time each service used while sampling (processes that lived less than a sample are missed)
     * @param peakRssBytes each Flink process's peak resident set size over its life ({@code VmHWM})
     */
    record Figures(long maxHeapUsedBytes, int heapSamples, Map<StackService, Duration> cpu,
            Map<StackService, Long> peakRssBytes) {
    }

    private final FlinkRestClient rest;
    private final Map<StackService, ProcessHandle> services;
    private final Map<Long, Duration> cpuAtStart = new HashMap<>();
    private final Map<Long, Duration> cpuLastSeen = new HashMap<>();
    private final Map<Long, StackService> owner = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private long maxHeapUsed = -1;
    private int heapSamples;
    private String lastHeapValue = "";

    /** Starts sampling {@code services} (from the stack's pid files) and the TaskManagers of {@code rest}. */
    ResourceSampler(FlinkRestClient rest, Map<StackService, ProcessHandle> services) {
        this.rest = rest;
        this.services = new EnumMap<>(services);
        sampleCpu(true);
        this.thread = new Thread(this::loop, "benchmark-resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes a last sample, stops the thread and returns the figures. */
    Figures stop() throws InterruptedException {
        stopped.countDown();
        thread.join();
        sampleCpu(false);
        sampleHeap();
        Map<StackService, Duration> cpu = new EnumMap<>(StackService.class);
        cpuLastSeen.forEach((pid, last) -> cpu.merge(owner.get(pid),
                last.minus(cpuAtStart.getOrDefault(pid, Duration.ZERO)), Duration::plus));
        Map<StackService, Long> peakRss = new EnumMap<>(StackService.class);
        for (StackService flink : List.of(StackService.FLINK_TASKMANAGER, StackService.FLINK_JOBMANAGER)) {
            ProcessHandle process = services.get(flink);
            OptionalLong peak = process == null ? OptionalLong.empty() : ProcessStatus.peakRssBytes(process.pid());
            peak.ifPresent(bytes -> peakRss.put(flink, bytes));
        }
        return new Figures(maxHeapUsed, heapSamples, cpu, peakRss);
    }

    private void loop() {
        try {
            while (!stopped.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                sampleCpu(false);
                sampleHeap();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void sampleCpu(boolean baseline) {
        services.forEach((service, process) -> Stream.concat(Stream.of(process), process.descendants())
                .forEach(handle -> handle.info().totalCpuDuration().ifPresent(cpu -> {
                    owner.put(handle.pid(), service);
                    if (baseline) {
                        cpuAtStart.put(handle.pid(), cpu);
                    }
                    cpuLastSeen.put(handle.pid(), cpu);
                })));
    }

    private synchronized void sampleHeap() {
        try {
            for (FlinkRestClient.TaskManagerSummary taskManager : rest.taskManagers()) {
                String value = rest.taskManagerMetrics(taskManager.id(), List.of(HEAP_USED)).get(HEAP_USED);
                if (value != null && !value.isBlank()) {
                    if (!value.equals(lastHeapValue)) {
                        heapSamples++;
                        lastHeapValue = value;
                    }
                    maxHeapUsed = Math.max(maxHeapUsed, (long) Double.parseDouble(value));
                }
            }
        } catch (RuntimeException e) {
            // A missed sample only makes the maximum less certain; the benchmark itself goes on.
            LOG.debug("Heap sample failed: {}", e.toString());
        }
    }
}
