package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a {@link SoakSample} every interval while the soak runs: TaskManager heap (its lowest use over the interval,
 * read every few seconds through REST), the latest checkpoint's state size and duration, RSS and open files of
 * every stack process, and the raw table's data files and snapshots.
 */
final class SoakSampler {

    private static final Logger LOG = LoggerFactory.getLogger(SoakSampler.class);
    private static final Duration HEAP_EVERY = Duration.ofSeconds(2);

    private final FlinkRestClient rest;
    private final String jobId;
    private final Map<StackService, ProcessHandle> services;
    private final StackEndpoints endpoints;
    private final Duration interval;
    private final LongSupplier produced;
    private final List<SoakSample> samples = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private long heapLow = Long.MAX_VALUE;

    SoakSampler(FlinkRestClient rest, String jobId, Map<StackService, ProcessHandle> services,
            StackEndpoints endpoints, Duration interval, LongSupplier produced) {
        this.rest = rest;
        this.jobId = jobId;
        this.services = new EnumMap<>(services);
        this.endpoints = endpoints;
        this.interval = interval;
        this.produced = produced;
        this.thread = new Thread(this::loop, "soak-sampler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Takes a last sample and returns them all, oldest first. */
    List<SoakSample> stop() throws InterruptedException {
        stopped.countDown();
        thread.join();
        return List.copyOf(samples);
    }

    private void loop() {
        long start = System.nanoTime();
        long next = start + interval.toNanos();
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(endpoints));
            boolean last = false;
            while (!last) {
                last = stopped.await(HEAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                sampleHeap();
                long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
                boolean justSampled = !samples.isEmpty() && samples.get(samples.size() - 1).elapsedSeconds() == elapsed;
                if ((last && !justSampled) || System.nanoTime() >= next) {
                    next += interval.toNanos();
                    samples.add(sample(catalog, elapsed));
                    heapLow = Long.MAX_VALUE;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Soak sampling stopped: {}", e.toString());
        }
    }

    private void sampleHeap() {
        try {
            for (FlinkRestClient.TaskManagerSummary taskManager : rest.taskManagers()) {
                String value = rest.taskManagerMetrics(taskManager.id(), List.of(ResourceSampler.HEAP_USED))
                        .get(ResourceSampler.HEAP_USED);
                if (value != null && !value.isBlank()) {
                    heapLow = Math.min(heapLow, (long) Double.parseDouble(value));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Heap sample failed: {}", e.toString());
        }
    }

    private SoakSample sample(JdbcCatalog catalog, long elapsedSeconds) {
        FlinkRestClient.CheckpointCosts checkpoints;
        try {
            checkpoints = rest.checkpointCosts(jobId);
        } catch (RuntimeException e) {
            checkpoints = new FlinkRestClient.CheckpointCosts(0, 0, 0, 0, 0, -1, -1);
        }
        Map<String, Long> perOperator;
        try {
            perOperator = rest.latestStatePerVertex(jobId);
        } catch (RuntimeException e) {
            perOperator = Map.of();
        }
        Map<StackService, Long> rss = new EnumMap<>(StackService.class);
        Map<StackService, Long> files = new EnumMap<>(StackService.class);
        services.forEach((service, process) -> {
            ProcessStatus.rssBytes(process.pid()).ifPresent(bytes -> rss.put(service, bytes));
            ProcessStatus.openFiles(process.pid()).ifPresent(count -> files.put(service, count));
        });
        long dataFiles = -1;
        long snapshots = -1;
        if (catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
            Table table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
            Snapshot current = table.currentSnapshot();
            dataFiles = current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-data-files", "0"));
            long count = 0;
            for (Snapshot ignored : table.snapshots()) {
                count++;
            }
            snapshots = count;
        }
        return new SoakSample(elapsedSeconds, produced.getAsLong(), heapLow == Long.MAX_VALUE ? -1 : heapLow,
                checkpoints.latestStateBytes(), perOperator, checkpoints.latestDurationMillis(), rss, files, dataFiles, snapshots);
    }
}
