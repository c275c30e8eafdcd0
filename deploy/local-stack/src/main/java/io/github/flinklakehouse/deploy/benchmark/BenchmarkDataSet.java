package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.CsvEventWriter;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A generated clickstream data set in the public dataset's exact CSV format, split into parts that are written in
 * parallel and that a backfill reads in parallel (one file split per part).
 *
 * <p>Part {@code k} has its own generator (a seed derived from the data set's seed) whose event times continue
 * where part {@code k-1}'s end on average, so the parts together cover one continuous period; the same seed, row
 * count and part count always give the same files.
 *
 * @param files the parts, in event-time order
 * @param rows data rows over all parts (headers excluded)
 * @param bytes size of the files on disk (compressed size when gzipped)
 * @param elapsed time taken to write them
 */
public record BenchmarkDataSet(List<Path> files, long rows, long bytes, Duration elapsed) {

    /** Event time of the first row: the first day of the public dataset. */
    public static final Instant START = Instant.parse("2019-10-01T00:00:00Z");

    private static final Duration MEAN_GAP = Duration.ofMillis(100);
    private static final int USERS = 10_000;
    private static final int PRODUCTS = 5_000;

    public BenchmarkDataSet {
        files = List.copyOf(files);
    }

    /**
     * Writes {@code rows} rows into {@code parts} files {@code events-NN.csv[.gz]} under {@code dir} (created;
     * existing parts are replaced).
     */
    public static BenchmarkDataSet generate(Path dir, long rows, int parts, boolean gzip, long seed) throws IOException {
        if (rows < 1 || parts < 1 || parts > rows) {
            throw new IllegalArgumentException("Need at least one row and one part, and no more parts than rows; got "
                    + rows + " rows in " + parts + " parts");
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(seed);
        List<GeneratorConfig> configs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long offset = 0;
        for (int part = 0; part < parts; part++) {
            // Spread the remainder over the first parts, so sizes differ by at most one row.
            long partRows = rows / parts + (part < rows % parts ? 1 : 0);
            configs.add(new GeneratorConfig(seeds.nextLong(), START.plus(MEAN_GAP.multipliedBy(offset)), partRows,
                    MEAN_GAP, USERS, PRODUCTS));
            files.add(dir.resolve(String.format(Locale.ROOT, "events-%02d.csv%s", part, gzip ? ".gz" : "")));
            offset += partRows;
        }
        int threads = Math.min(parts, Runtime.getRuntime().availableProcessors());
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "benchmark-data-set");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                Path file = files.get(part);
                GeneratorConfig config = configs.get(part);
                written.add(executor.submit(() -> CsvEventWriter.writeAll(file, gzip, new ClickEventGenerator(config))));
            }
            long total = 0;
            for (Future<Long> part : written) {
                total += part.get();
            }
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            return new BenchmarkDataSet(files, total, bytes, Duration.ofNanos(System.nanoTime() - started));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Generating the benchmark data set failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while generating the benchmark data set", e);
        } finally {
            executor.shutdownNow();
        }
    }

}
