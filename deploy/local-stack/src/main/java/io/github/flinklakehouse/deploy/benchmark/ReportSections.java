package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient.VertexFigures;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parts both benchmark reports print the same way: memory, CPU per process, the job's stages, durations, sizes. */
final class ReportSections {

    private ReportSections() {
    }

    /** The peak-memory line: TaskManager RSS and heap, JobManager RSS. */
    static String memory(ResourceSampler.Figures resources) {
        return format("  peak memory      TaskManager RSS %s (VmHWM), heap used max %s (%d REST sample(s)); "
                        + "JobManager RSS %s%n", rss(resources, StackService.FLINK_TASKMANAGER),
                resources.maxHeapUsedBytes() < 0 ? "unknown" : size(resources.maxHeapUsedBytes()),
                resources.heapSamples(), rss(resources, StackService.FLINK_JOBMANAGER));
    }

    /** CPU time of every process during {@code elapsed}, against the core-seconds available. */
    static String cpu(ResourceSampler.Figures resources, Duration elapsed) {
        double available = elapsed.toMillis() / 1000.0 * Runtime.getRuntime().availableProcessors();
        StringBuilder text = new StringBuilder("  CPU during run   ");
        boolean first = true;
        for (Map.Entry<StackService, Duration> cpu : resources.cpu().entrySet()) {
            text.append(format("%s%s %.1f s (%.0f%%)", first ? "" : ", ", cpu.getKey().serviceName(),
                    cpu.getValue().toMillis() / 1000.0, 100 * cpu.getValue().toMillis() / 1000.0 / available));
            first = false;
        }
        return text.append(format(" of %.1f core-seconds%n", available)).toString();
    }

    /**
     * The job's stages: duration, share of {@code jobRun} ("-" when null: a running job's stages all last as long as
     * the job), busy and back-pressured shares of the subtasks' time, parallelism and the records crossing the network.
     */
    static String stages(List<VertexFigures> stages, Duration jobRun, String heading) {
        StringBuilder text = new StringBuilder(heading);
        text.append(format("  %9s %9s %6s %6s %6s %4s %13s %13s  %s%n", "starts", "duration", "share", "busy",
                "backpr", "par", "records in", "records out", "stage"));
        for (VertexFigures stage : stages) {
            double subtaskMillis = (double) stage.durationMillis() * stage.parallelism();
            text.append(format("  %9s %9s %6s %6s %6s %4d %,13d %,13d  %s%n",
                    stage.startOffsetMillis() < 0 ? "-" : "+" + clock(Duration.ofMillis(stage.startOffsetMillis())),
                    clock(Duration.ofMillis(stage.durationMillis())),
                    jobRun == null ? "-" : share(stage.durationMillis(), Math.max(jobRun.toMillis(), 1)),
                    share(stage.busyMillis(), subtaskMillis), share(stage.backPressuredMillis(), subtaskMillis),
                    stage.parallelism(), stage.readRecords(), stage.writeRecords(), stage.name()));
        }
        return text.toString();
    }

    static double perSecond(long count, Duration elapsed) {
        return count / (Math.max(elapsed.toMillis(), 1) / 1000.0);
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d.%d", seconds / 60, seconds % 60, duration.toMillisPart() / 100);
    }

    static String size(long bytes) {
        if (bytes < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String share(double part, double whole) {
        double share = part / whole;
        return Double.isFinite(share) ? format("%.0f%%", 100 * share) : "-";
    }

    private static String rss(ResourceSampler.Figures resources, StackService service) {
        Long bytes = resources.peakRssBytes().get(service);
        return bytes == null ? "unknown" : size(bytes);
    }
}
